"""Forecast detection (GUIDELINE.md, "forecast")."""

from datetime import date

from callanalysis.label.forecasts import is_call_procedure, is_forecast, is_question

CALL = date(2024, 4, 23)


def forecast(text: str, role: str | None = None) -> bool:
    return is_forecast(text, call_date=CALL, role=role)


def test_expectation_is_a_forecast():
    assert forecast("We expect storage deployments to grow this year.")


def test_will_statement_is_a_forecast():
    assert forecast("It will increase.")


def test_contracted_will_is_a_forecast():
    assert forecast("And then we'll keep improving.")


def test_hedged_prediction_is_still_a_forecast():
    assert forecast("I think we may be able to sell it externally by the end of next year.")


def test_negated_expectation_is_still_a_forecast():
    assert forecast("We don't expect these costs to recur.")


def test_scheduled_event_is_a_forecast():
    assert forecast("We will be showing the new vehicle in August.")


def test_intent_with_want_to_is_a_forecast():
    assert forecast("We want to run the computers all the time.")


def test_first_person_obligation_is_a_forecast():
    assert forecast("We have to make a few more changes.")


def test_conditional_with_asserted_outcome_is_a_forecast():
    assert forecast("Once that becomes obvious, licensing becomes mandatory.")


def test_future_time_alone_makes_a_forecast():
    assert forecast("And continue to ramp this year, focusing on cost.")


def test_goal_statement_is_a_forecast():
    assert forecast("Our goal is to beat supplier cost.")


def test_past_action_is_not_a_forecast():
    assert not forecast("We've updated our future vehicle lineup.")


def test_call_procedure_is_not_a_forecast():
    assert not forecast("During this call, we will discuss our business outlook.")


def test_turn_taking_is_not_a_forecast():
    assert not forecast("I'll go to the next question.")


def test_question_is_not_a_forecast():
    assert not forecast("Do you expect to cut prices again?")


def test_request_is_not_a_forecast():
    assert not forecast("Maybe you can talk about where you will build it.", role="analyst")


def test_generic_you_will_is_not_a_forecast():
    assert not forecast("Obviously, if you live there, you'll drive better.")


def test_outcome_of_a_generic_conditional_is_not_a_forecast():
    assert not forecast("If you sell a great product at a great price, the sales will be excellent.")


def test_will_inside_an_if_clause_is_not_asserted():
    assert not forecast("If somebody doesn't believe we are going to win, they should sell.")


def test_imagining_is_not_a_forecast():
    assert not forecast("If you can imagine a fleet of 100 million cars, that is a lot of compute.")


def test_ongoing_policy_is_not_a_forecast():
    assert not forecast("We replay them through millions of clips.")


def test_ongoing_obligation_to_keep_doing_is_not_a_forecast():
    assert not forecast("So we need to keep making sure it is a great product.")


def test_past_time_alone_is_not_a_forecast():
    assert not forecast("Cybertruck hit 1K a week just a couple of weeks ago.")


def test_expect_in_the_past_is_not_a_forecast():
    assert not forecast("Costs came in at double what we anticipated.")


def test_question_mark_makes_a_question():
    assert is_question("What is the time line for the semi?")


def test_moderator_reference_to_earlier_talk_is_procedure():
    assert is_call_procedure("Elon already talked about that.", role="investor relations")


def test_well_see_commits_to_nothing():
    assert not forecast("And yes, we'll see.")


def test_we_will_see_an_outcome_is_a_forecast():
    assert forecast("We'll see some acceleration of that.")


def test_routine_after_a_temporal_clause_is_not_a_forecast():
    assert not forecast("Once the build passes, then we start shipping to staff, and they will give feedback.")


def test_rhetorical_wh_question_without_mark_is_a_question():
    assert is_question("So, then what should they do with the spare compute.")


def test_i_wouldnt_be_surprised_if_is_a_hedged_forecast():
    assert forecast("So, I wouldn't be surprised if we sign a deal.")


def test_would_with_a_future_time_is_a_forecast():
    assert forecast("It would be probably three years before it's in a car.")


def test_past_negated_expectation_is_not_a_forecast():
    assert not forecast("People didn't expect that the side business would be the most valuable.")


def test_obligation_inside_a_relative_clause_is_not_a_forecast():
    assert not forecast("It's not the work which we have to do.")


def test_obligation_to_be_careful_is_policy_not_a_forecast():
    assert not forecast("We have to be very careful in what we release.")


def test_speaker_announcing_what_they_will_add_is_not_a_forecast():
    assert not forecast("One other thing which I'll add is that they take a long time.")


def test_matter_of_time_is_a_forecast():
    assert forecast("It is only a matter of time before we exceed human reliability.")


def test_forecast_reported_by_an_analyst_is_a_forecast():
    assert forecast("Last year you mentioned that unit cost would decline by 50%.", role="analyst")


def test_denied_intent_frame_is_not_a_forecast():
    assert not forecast("It's not like we want to take on extra problems.")


def test_may_before_a_date_is_the_month_not_a_forecast_modal():
    from callanalysis.label.forecasts import find_forecast_cues

    assert [c.cue for c in find_forecast_cues("Deliveries started May 8 in Austin.")] == []
    assert [c.cue for c in find_forecast_cues("We may start in June.")][:1] == ["may"]
