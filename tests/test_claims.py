"""Claims (GUIDELINE.md, "claim"): checkable assertions of past or present fact."""

import pytest

from callanalysis.label.claims import is_claim


def test_reported_metric_is_a_claim():
    assert is_claim("Gross margin fell from 19.2% to 18.1% in the quarter.")


def test_past_event_is_a_claim():
    assert is_claim("We installed 20,000 new servers.")


def test_present_state_of_the_company_is_a_claim():
    assert is_claim("We're in talks with one large carmaker about licensing.")


def test_historical_fact_is_a_claim():
    assert is_claim("Lifts used to be run by an operator with a lever.")


def test_hedged_present_fact_is_still_a_claim():
    assert is_claim("I think around 20,000 are active.")


def test_description_of_a_process_is_a_claim():
    assert is_claim("We replay every clip through the new network.")


def test_quantity_fragment_is_a_claim():
    assert is_claim("Four million cars.")


def test_evaluation_only_is_not_a_claim():
    assert not is_claim("It's profound.")


def test_evaluation_of_the_future_is_not_a_claim():
    assert not is_claim("The future is extremely bright.")


def test_pure_forecast_is_not_a_claim():
    assert not is_claim("We expect the build to reverse next quarter.", forecast=True)


def test_forecast_with_a_past_anchor_is_also_a_claim():
    assert is_claim("Production increased 20% and we expect more in Q3.", forecast=True)


def test_forecast_with_a_present_progressive_anchor_is_also_a_claim():
    assert is_claim("Our costs are dropping, and we'll continue to ramp this year.", forecast=True)


def test_attribution_alone_does_not_anchor_a_forecast():
    assert not is_claim("As Lars said, we think it will beat suppliers by year end.", forecast=True)


def test_reported_forecast_by_an_analyst_is_a_claim():
    assert is_claim("So you and your team expect a lower growth rate this year.", role="analyst", forecast=True)


def test_question_is_not_a_claim():
    assert not is_claim("What is the current output?")


def test_thanks_is_not_a_claim():
    assert not is_claim("Thank you very much.")


def test_greeting_is_not_a_claim():
    assert not is_claim("Good afternoon.")


def test_back_channel_is_not_a_claim():
    assert not is_claim("Yeah.")


def test_turn_taking_is_not_a_claim():
    assert not is_claim("Next question, please.")


def test_generic_truism_with_you_is_not_a_claim():
    assert not is_claim("Just like a human, you can rent a car abroad and drive pretty well.")


def test_hypothetical_is_not_a_claim():
    assert not is_claim("If you've got cars sitting on ships, they cannot be delivered.")


def test_want_statement_is_not_a_claim():
    assert not is_claim("We don't want that.")


def test_opinion_on_value_is_not_a_claim():
    assert not is_claim("But I don't think it's super important right now.")


def test_impression_is_not_a_claim():
    assert not is_claim("It almost feels like a pile-up of events in a short period.")


def test_analyst_request_is_not_a_claim():
    assert not is_claim("Maybe you can just talk about your priorities.", role="analyst")


def test_present_statement_before_the_forecast_cue_makes_it_a_claim_too():
    assert is_claim("Roughly 20,000 chips are active, and we expect 50,000 by year end.", forecast=True)


def test_tautology_is_not_a_claim():
    assert not is_claim("Like a car is a car, a road is a road.")


def test_the_way_to_think_of_it_is_not_a_claim():
    assert not is_claim("But really, the way to think of the company is as a robotics firm.")


def test_possibility_is_not_a_claim():
    assert not is_claim("It could be plugged in or not.")


def test_agreement_formula_is_not_a_claim():
    assert not is_claim("Yes, so I couldn't agree more.")


def test_that_is_it_is_not_a_claim():
    assert not is_claim("That's it.")


def test_strong_imperative_is_not_a_claim():
    assert not is_claim("Make the price more accessible, the value better, and keep improving it over time.")


def test_generic_you_stating_a_quantity_is_a_claim():
    assert is_claim("You're basically a colony of roughly 30 trillion cells.")


def test_opening_infinitive_does_not_hide_the_claim():
    assert is_claim("To recap, in Q1, we navigated several challenges.")


def test_generic_you_framed_by_a_named_place_is_a_claim_about_that_place():
    assert is_claim("In Germany, you pay a toll on every motorway.")
    assert is_claim("And in Japan, you shouldn't tip at restaurants.")


def test_generic_you_without_a_place_frame_stays_a_truism():
    assert not is_claim("In general, you just drive the car.")


def test_call_procedure_is_no_claim():
    assert not is_claim("Joining me today are Dave Huml, Tennant's President and CEO; Fay West, our CFO.", role="investor relations")


def test_the_operators_script_is_no_claim():
    assert not is_claim("This call is being recorded.", role="operator")  # Tennant Q2 2021


def test_a_feeling_is_no_claim():
    assert not is_claim("I continue to be extremely proud of our global teams for their efforts.")  # Tennant
    assert not is_claim("So we're very bullish on AMR.")
    assert not is_claim("We feel great about what our outlook is.")  # H&R Block


def test_a_short_statement_about_that_is_an_evaluation():
    assert not is_claim("So those are our priorities.")  # Tennant
    assert not is_claim("That's our assumption.")  # Bio-Rad


def test_a_fronted_purpose_with_a_main_clause_is_a_claim():
    assert is_claim("To address material inflation, our teams are working diligently to find additional partners.")  # Tennant


def test_a_plural_subject_with_a_present_verb_is_a_claim():
    assert is_claim("Key opinion leaders continue to highlight the sensitivity advantage of Droplet Digital PCR.")  # Bio-Rad


def test_what_a_speaker_would_add_is_no_hypothetical():
    assert is_claim("The one thing I would add is that we just recently announced these price increases.")  # Tennant


def test_important_to_note_frames_a_claim():
    assert is_claim("At the same time, I think it's important to note, we are launching new innovative products.")


def test_guidance_is_a_forecast_not_a_claim():
    text = "We are now guiding currency-neutral revenue growth in 2021 to be between 7.5% and 9.5%."
    assert not is_claim(text, forecast=True)  # Bio-Rad: "are guiding" is no present anchor


@pytest.mark.parametrize("text", [
    "GPU is wrong word.",  # seed
    "They need a new word.",  # seed
    "I don't know, a better word, than that.",  # ALG Q3 2021
    "No, I meant within the 25%.",  # BEN Q4 2021
    "That's -- sorry, I meant to say surcharges not tariffs.",  # OSK Q2 2021
])
def test_a_remark_on_the_speakers_own_wording_is_no_claim(text):
    assert not is_claim(text, role="executive")


def test_a_statement_with_a_wording_aside_stays_a_claim():
    assert is_claim("It's, for lack of a better word, a platform company.")
    assert is_claim("Revenue grew 12% to $2.5 billion in the quarter, or I should say the right word is net revenue.")
