"""Forecast detection (GUIDELINE.md, "forecast")."""

from datetime import date

import pytest

from callanalysis.label.forecasts import find_forecast_cues, is_forecast
from callanalysis.label.horizons import anchor

CALL = date(2024, 4, 23)
TENNANT = anchor(date(2021, 8, 4), 2, 2021)  # Tennant Q2 2021, as its transcript's header says
BIO_RAD = anchor(date(2021, 4, 29), 1, 2021)  # Bio-Rad Q1 2021


def forecast(text: str, role: str | None = "executive", when=CALL) -> bool:
    return is_forecast(text, when=when, role=role)


def test_a_time_expression_alone_never_makes_a_forecast():
    # Tennant Q2 2021, Bio-Rad Q1 2021: no verb group points ahead
    assert not forecast("At this time, I would like to welcome everyone to the Tennant Company's 2021 Second Quarter Earnings Conference call.", role="operator", when=TENNANT)
    assert not forecast("During the quarter, interest and other income resulted in net other income of $16.9 million.", when=BIO_RAD)
    assert not forecast("The year-over-year R&D expenses increased due to expenses associated with the restructuring initiative.", when=BIO_RAD)


def test_past_verbs_with_a_past_period_are_not_forecasts():
    assert not forecast("In the first quarter of 2021, Central Pacific completed several key milestones.", when=BIO_RAD)
    assert not forecast("Real estate in Hawaii continues to be extremely strong with prices hitting a record high in March.", when=BIO_RAD)


def test_projected_between_is_a_forecast():
    assert forecast("Full year non-GAAP gross margin is now projected between 56.5% and 57% versus our previous guidance.", when=BIO_RAD)


def test_a_figure_of_a_guidance_list_is_a_forecast():
    assert forecast("And full year non-GAAP operating margin to be about 17%, and full year adjusted EBITDA margin to be about 22%.", when=BIO_RAD)


def test_guidance_that_reflects_or_is_affirmed_is_a_forecast():
    assert forecast("As Dave mentioned, our guidance reflects management's confidence in a broadening economic recovery.", when=TENNANT)
    assert forecast("Tennant affirms its guidance for the full year 2021 as follows: net sales of $1.09 billion to $1.11 billion.", when=TENNANT)
    assert forecast("We are now guiding currency-neutral revenue growth in 2021 to be between 7.5% and 9.5%.", when=BIO_RAD)


def test_a_stated_policy_range_is_not_guidance():
    assert not forecast("We are managing our leverage within the stated guidance of 1.5 to 2.5 times.", when=TENNANT)


def test_what_an_assumption_supposes_is_not_asserted():
    assert not forecast("It also assumes there will be no significant pandemic-related restrictions in our major markets.", when=TENNANT)


def test_if_you_look_at_points_at_something_and_sets_no_condition():
    assert forecast("Yeah, I think on average, Adam, if you look at the average of 3Q versus 4Q, 4Q will be higher.")  # Packaging Corp
    text = ("But generally speaking, if you recall in our guidance from last quarter, we did indicate that most of the "
            "COVID-related sales will be in the first half of the year.")
    assert forecast(text, when=BIO_RAD)


def test_if_you_think_that_asks_whether():
    assert not forecast("I mean if you think that will ever materialize to a real opportunity.", role="analyst")  # Huntington Ingalls


def test_will_in_an_indirect_question_is_not_a_forecast():
    assert not forecast("And so I don't want to get into projecting a quarter when things will improve, it's always difficult to tell.", when=TENNANT)


def test_what_or_where_in_an_indirect_question_is_not_a_forecast():
    assert not forecast("I don't know what's going to happen next.")  # Cleveland-Cliffs Q1 2021
    assert not forecast("It's really hard to predict what's going to happen past Q1 for us.")  # Prestige Consumer Healthcare Q4 2020
    assert forecast("What we're going to do is add a second shift.")  # near miss: a pseudo-cleft asserts its plan


def test_an_analysts_own_inference_about_a_future_period_is_a_forecast():
    text = "It would suggest that organic growth over the balance of the year would be about flat to maybe plus 1%."
    assert forecast(text, role="analyst", when=BIO_RAD)


def test_would_with_only_a_past_period_is_not_a_forecast():
    assert not forecast("Last quarter, the team said margins would be flat.", when=BIO_RAD)


def test_you_in_a_relative_clause_is_not_generic():
    assert forecast("Now it sounds like that's something you'll move forward with.", role="analyst", when=TENNANT)


def test_a_past_intention_is_not_a_forecast():
    assert not forecast("No, I was just going to add, we were really pleased with that.", when=BIO_RAD)


def test_the_speakers_own_next_words_are_not_a_forecast():
    assert not forecast("I'll just tell you that we have fully acknowledged the reality of the challenges we see today.", when=TENNANT)
    assert not forecast("The second initiative I'll feature is government, which is right now our largest diversification play.")


def test_plans_as_a_noun_is_not_a_plan_to():
    text = "Our teams have developed more robust sales and inventory operations plans to better align our supply and demand."
    assert not forecast(text, when=TENNANT)
    assert forecast("Tesla plans to launch the cheaper model next year.")


def test_a_habitual_see_is_not_a_view_of_the_future():
    assert not forecast("The trends that we typically see in the fourth quarter are stronger.", when=BIO_RAD)


def test_request_is_not_a_forecast():
    assert not forecast("Maybe you can talk about where you will build it.", role="analyst")


def test_forecast_reported_by_an_analyst_is_a_forecast():
    assert forecast("Last year you mentioned that unit cost would decline by 50%.", role="analyst")


def test_may_before_a_date_is_the_month_not_a_forecast_modal():
    assert [c.cue for c in find_forecast_cues("Deliveries started May 8 in Austin.")] == []
    assert [c.cue for c in find_forecast_cues("We may start in June.")][:1] == ["may"]


#: Each case: what it shows -> (an executive's sentence on a call on 2024-04-23, is it a forecast).
SENTENCES = {
    "expectation_is_a_forecast":
        ("We expect storage deployments to grow this year.", True),
    "will_statement_is_a_forecast":
        ("It will increase.", True),
    "contracted_will_is_a_forecast":
        ("And then we'll keep improving.", True),
    "hedged_prediction_is_still_a_forecast":
        ("I think we may be able to sell it externally by the end of next year.", True),
    "negated_expectation_is_still_a_forecast":
        ("We don't expect these costs to recur.", True),
    "scheduled_event_is_a_forecast":
        ("We will be showing the new vehicle in August.", True),
    "intent_with_want_to_is_a_forecast":
        ("We want to run the computers all the time.", True),
    "first_person_obligation_is_a_forecast":
        ("We have to make a few more changes.", True),
    "conditional_with_asserted_outcome_is_a_forecast":
        ("Once that becomes obvious, licensing becomes mandatory.", True),
    "continuing_into_a_future_time_is_a_forecast":
        ("And continue to ramp this year, focusing on cost.", True),
    "expectations_of_other_people_about_service_are_not_forecasts":
        ("The pace continues to accelerate, because the consumer expects it.", False),
    "goal_statement_is_a_forecast":
        ("Our goal is to beat supplier cost.", True),
    "past_action_is_not_a_forecast":
        ("We've updated our future vehicle lineup.", False),
    "call_procedure_is_not_a_forecast":
        ("During this call, we will discuss our business outlook.", False),
    "turn_taking_is_not_a_forecast":
        ("I'll go to the next question.", False),
    "question_is_not_a_forecast":
        ("Do you expect to cut prices again?", False),
    "generic_you_will_is_not_a_forecast":
        ("Obviously, if you live there, you'll drive better.", False),
    "outcome_of_a_generic_conditional_is_not_a_forecast":
        ("If you sell a great product at a great price, the sales will be excellent.", False),
    "will_inside_an_if_clause_is_not_asserted":
        ("If somebody doesn't believe we are going to win, they should sell.", False),
    "imagining_is_not_a_forecast":
        ("If you can imagine a fleet of 100 million cars, that is a lot of compute.", False),
    "ongoing_policy_is_not_a_forecast":
        ("We replay them through millions of clips.", False),
    "ongoing_obligation_to_keep_doing_is_not_a_forecast":
        ("So we need to keep making sure it is a great product.", False),
    "past_time_alone_is_not_a_forecast":
        ("Cybertruck hit 1K a week just a couple of weeks ago.", False),
    "expect_in_the_past_is_not_a_forecast":
        ("Costs came in at double what we anticipated.", False),
    "well_see_commits_to_nothing":
        ("And yes, we'll see.", False),
    "we_will_see_an_outcome_is_a_forecast":
        ("We'll see some acceleration of that.", True),
    "routine_after_a_temporal_clause_is_not_a_forecast":
        ("Once the build passes, then we start shipping to staff, and they will give feedback.", False),
    "i_wouldnt_be_surprised_if_is_a_hedged_forecast":
        ("So, I wouldn't be surprised if we sign a deal.", True),
    "would_with_a_future_time_is_a_forecast":
        ("It would be probably three years before it's in a car.", True),
    "past_negated_expectation_is_not_a_forecast":
        ("People didn't expect that the side business would be the most valuable.", False),
    "obligation_inside_a_relative_clause_is_not_a_forecast":
        ("It's not the work which we have to do.", False),
    "obligation_to_be_careful_is_policy_not_a_forecast":
        ("We have to be very careful in what we release.", False),
    "speaker_announcing_what_they_will_add_is_not_a_forecast":
        ("One other thing which I'll add is that they take a long time.", False),
    "matter_of_time_is_a_forecast":
        ("It is only a matter of time before we exceed human reliability.", True),
    "denied_intent_frame_is_not_a_forecast":
        ("It's not like we want to take on extra problems.", False),
}


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES.values(), ids=SENTENCES.keys())
def test_forecast_decision(sentence, expected):
    assert forecast(sentence) is expected


def test_should_of_expectation_is_a_forecast():
    assert forecast("Average deposits should remain relatively stable in the fourth quarter.", when=date(2021, 10, 21))  # KeyCorp Q3 2021
    assert forecast("Low inventories across the value chain should provide opportunities in 2022.", when=date(2021, 10, 28))  # Stepan Q3 2021
    assert forecast("But now that we are getting those co-packers we should see benefits from that part as well.")  # Boston Beer Q1 2021


def test_should_of_duty_or_of_regret_is_not_a_forecast():
    assert not forecast("We probably should have.")  # Oshkosh Q4 2021
    assert not forecast("Investors should review the reconciliation of these non-GAAP measures.", when=BIO_RAD)
    assert not forecast("By now, you should have all received a copy of the press release.")  # Alamo Group Q3 2021


def test_we_did_see_is_the_past_not_a_view_of_the_future():
    # Camden Property Trust Q3 2020 (call on 2020-10-30): "in October" ends after the call
    assert not forecast("We did see a little uptick in October to 18%, but Q4 is always a little bit elevated.", when=date(2020, 10, 30))


def test_may_have_with_a_past_participle_is_the_past_not_a_forecast():
    assert not forecast("You might have seen the announcements on Rainmaker, for example, in the army.")  # Booz Allen Q4 2021
    assert not forecast("There may have been a little bit of slightly favorable mix in plumbing.")  # Masco Q3 2021
    assert forecast("We may have to raise prices again in the second half.")  # the near-miss: 'may have to' still points ahead


def test_i_want_to_with_a_speech_act_frames_the_speakers_words():
    assert not forecast("But again, I want to reiterate what I said in the first quarter call.")  # Aflac Q2 2021
    assert not forecast("I want to take a moment to reflect on the past year.")  # TrueBlue Q4 2021
    assert forecast("We want to invest in the core title business.")  # First American Q4 2020: intent stays a forecast


def test_i_have_to_say_frames_the_speakers_words():
    assert not forecast("That said, I have to tell you, I'm really excited by Kim Schachler taking over.")  # MSC Industrial Q4 2021
    assert not forecast("So I have to admit, the Hummer announcement last night put a smile on my face.")  # AutoNation Q3 2020


def test_well_see_how_it_plays_out_leaves_the_outcome_open():
    assert not forecast("And obviously, we'll see how the year plays out and adjust accordingly.")  # Illinois Tool Works Q4 2019
    assert not forecast("We'll see where that ends up, but it's a smaller rate request on our part.")  # Black Hills Q4 2020
    assert forecast("We'll see some acceleration of that.")  # the near-miss: an outcome that is seen


def test_you_will_see_an_outcome_told_to_the_audience_is_a_forecast():
    # KeyCorp Q3 2021, Prologis Q1 2021: the speaker tells the audience what will happen
    assert forecast("And so you will see a decline in NII of about $10 million and an increase of fee income in the range of $5 million to help offset that.")
    assert forecast("You're going to see this number move up.")


def test_you_will_see_where_to_look_is_not_a_forecast():
    # Martin Marietta Q1 2020, MSC Industrial Q1 2021: a pointer to a slide
    assert not forecast("As you will see on slide five, first quarter 2020 earnings before income tax, absent items affecting comparability, improved $15 million.")
    assert not forecast("For reference on Slide 4 of the presentation, you'll see key metrics for the first quarter on a reported basis.")


def test_you_will_see_a_past_result_is_not_a_forecast():
    # CTS Q2 2021: what the audience will see is the quarter just reported
    assert not forecast("Justin, on the profit side, you'll see that the gross margin and the EBITDA performance in the second quarter was considerably stronger than the first quarter.")


def test_you_will_see_a_habit_is_not_a_forecast():
    # Martin Marietta Q1 2020
    assert not forecast("So at times, you'll see a modestly lower selling price on the muni work simply because it's bid.")


def test_you_will_see_after_a_generic_if_clause_is_not_a_forecast():
    # Western Union Q3 2021; the guideline's "if you live there, you'll drive better" is tested above
    assert not forecast("If you have time to go to Walmart location, you will see Western Union everywhere there.")


def test_a_speech_act_set_at_a_later_call_or_event_is_a_forecast():
    # a scheduled event: FMC Q3 2021, Equifax Q3 2021, CTS Q2 2021
    assert forecast("We will share more detailed guidance for 2022 in our February call.", when=date(2021, 11, 3))
    text = "We believe it's an important lever for delivering strong future growth going forward, and we'll give you much more detail during our Investor Day."
    assert forecast(text, when=date(2021, 10, 21))
    text = "We are carefully watching the new tax proposals and initiatives of the Biden Administration, and we'll discuss the impact on our business in the coming months as we get more clarity."
    assert forecast(text, when=date(2021, 7, 23))


def test_talking_to_you_next_quarter_as_a_sign_off_is_not_a_forecast():
    # Helmerich & Payne Q4 2021: the goodbye, not an event announced
    assert not forecast("So we're looking forward to the future and we'll talk to you next quarter.", when=date(2021, 11, 18))


def test_you_will_hear_from_us_at_a_later_investor_day_is_a_forecast():
    # AT&T Q4 2021
    assert forecast("You'll hear from us on 2023 at analyst day in March.", when=date(2022, 1, 26))
    assert forecast("Dave, on your free cash flow question, you'll hear more from us at Investor Day, but here's what -- just to reiterate some of the piece parts.", when=date(2022, 1, 26))


def test_you_will_hear_this_calls_speakers_is_not_a_forecast():
    # Alaska Air Q4 2021
    assert not forecast("On today's call, you'll hear updates from Ben, Andrew and Shane.", role="investor relations", when=date(2022, 1, 27))


def test_looking_forward_to_an_update_at_a_later_time_is_a_forecast():
    # Illinois Tool Works Q4 2019, Cigna Q4 2021
    text = "We look forward to providing a full progress update on our enterprise strategy and our progress toward ITW's full potential performance at our Investor Day in March."
    assert forecast(text, when=date(2020, 1, 31))
    assert forecast("We look forward to sharing more details in the coming weeks.", role="investor relations", when=date(2022, 2, 3))


def test_looking_forward_to_an_update_with_no_time_is_not_a_forecast():
    # AmerisourceBergen Q3 2021
    text = "We look forward to providing further updates on our ESG progress as we continue to find ways to make a positive impact on the people, planet and communities where we live and work."
    assert not forecast(text, when=date(2021, 8, 4))


def test_looking_forward_to_talking_to_you_next_quarter_is_not_a_forecast():
    # Franklin Resources Q4 2021: the sign-off
    assert not forecast("And we look forward to speaking to you again in next quarter.", when=date(2021, 11, 2))
