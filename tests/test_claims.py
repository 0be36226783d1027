"""Claims (GUIDELINE.md, "claim"): checkable assertions of past or present fact."""

import pytest

from callanalysis.label.claims import is_claim


def test_reported_forecast_by_an_analyst_is_a_claim():
    assert is_claim("So you and your team expect a lower growth rate this year.", role="analyst", forecast=True)


def test_analyst_request_is_not_a_claim():
    assert not is_claim("Maybe you can just talk about your priorities.", role="analyst")


def test_call_procedure_is_no_claim():
    assert not is_claim("Joining me today are Dave Huml, Tennant's President and CEO; Fay West, our CFO.", role="investor relations")


def test_the_operators_script_is_no_claim():
    assert not is_claim("This call is being recorded.", role="operator")  # Tennant Q2 2021


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


#: Each case: what it shows -> (a sentence, whether it is a forecast, is it a claim).
CASES = {
    "reported_metric_is_a_claim":
        ("Gross margin fell from 19.2% to 18.1% in the quarter.", False, True),
    "past_event_is_a_claim":
        ("We installed 20,000 new servers.", False, True),
    "present_state_of_the_company_is_a_claim":
        ("We're in talks with one large carmaker about licensing.", False, True),
    "historical_fact_is_a_claim":
        ("Lifts used to be run by an operator with a lever.", False, True),
    "hedged_present_fact_is_still_a_claim":
        ("I think around 20,000 are active.", False, True),
    "description_of_a_process_is_a_claim":
        ("We replay every clip through the new network.", False, True),
    "quantity_fragment_is_a_claim":
        ("Four million cars.", False, True),
    "evaluation_only_is_not_a_claim":
        ("It's profound.", False, False),
    "evaluation_of_the_future_is_not_a_claim":
        ("The future is extremely bright.", False, False),
    "question_is_not_a_claim":
        ("What is the current output?", False, False),
    "thanks_is_not_a_claim":
        ("Thank you very much.", False, False),
    "greeting_is_not_a_claim":
        ("Good afternoon.", False, False),
    "back_channel_is_not_a_claim":
        ("Yeah.", False, False),
    "turn_taking_is_not_a_claim":
        ("Next question, please.", False, False),
    "generic_truism_with_you_is_not_a_claim":
        ("Just like a human, you can rent a car abroad and drive pretty well.", False, False),
    "hypothetical_is_not_a_claim":
        ("If you've got cars sitting on ships, they cannot be delivered.", False, False),
    "want_statement_is_not_a_claim":
        ("We don't want that.", False, False),
    "opinion_on_value_is_not_a_claim":
        ("But I don't think it's super important right now.", False, False),
    "impression_is_not_a_claim":
        ("It almost feels like a pile-up of events in a short period.", False, False),
    "tautology_is_not_a_claim":
        ("Like a car is a car, a road is a road.", False, False),
    "the_way_to_think_of_it_is_not_a_claim":
        ("But really, the way to think of the company is as a robotics firm.", False, False),
    "possibility_is_not_a_claim":
        ("It could be plugged in or not.", False, False),
    "agreement_formula_is_not_a_claim":
        ("Yes, so I couldn't agree more.", False, False),
    "that_is_it_is_not_a_claim":
        ("That's it.", False, False),
    "strong_imperative_is_not_a_claim":
        ("Make the price more accessible, the value better, and keep improving it over time.", False, False),
    "generic_you_stating_a_quantity_is_a_claim":
        ("You're basically a colony of roughly 30 trillion cells.", False, True),
    "opening_infinitive_does_not_hide_the_claim":
        ("To recap, in Q1, we navigated several challenges.", False, True),
    "generic_you_framed_by_a_named_place_is_a_claim_about_that_place-1":
        ("In Germany, you pay a toll on every motorway.", False, True),
    "generic_you_framed_by_a_named_place_is_a_claim_about_that_place-2":
        ("And in Japan, you shouldn't tip at restaurants.", False, True),
    "generic_you_without_a_place_frame_stays_a_truism":
        ("In general, you just drive the car.", False, False),
    "a_feeling_is_no_claim-1":
        ("I continue to be extremely proud of our global teams for their efforts.", False, False),
    "a_feeling_is_no_claim-2":
        ("So we're very bullish on AMR.", False, False),
    "a_feeling_is_no_claim-3":
        ("We feel great about what our outlook is.", False, False),
    "a_feeling_after_a_discourse_marker_is_no_claim":
        ("Listen, we are very excited about how that business is developing.", False, False),
    "a_short_statement_about_that_is_an_evaluation-1":
        ("So those are our priorities.", False, False),
    "a_short_statement_about_that_is_an_evaluation-2":
        ("That's our assumption.", False, False),
    "agreeing_that_it_makes_sense_is_no_claim":  # KeyCorp Q3 2021
        ("That makes a lot of sense.", False, False),
    "what_makes_sense_in_a_longer_statement_stays_a_claim":  # Bio-Rad Q1 2021 (near miss)
        ("Europe is closed, and that's a region where we have very strong sales, so that makes sense.", False, True),
    "a_fronted_purpose_with_a_main_clause_is_a_claim":
        ("To address material inflation, our teams are working diligently to find additional partners.", False, True),
    "a_plural_subject_with_a_present_verb_is_a_claim":
        ("Key opinion leaders continue to highlight the sensitivity advantage of Droplet Digital PCR.", False, True),
    "what_a_speaker_would_add_is_no_hypothetical":
        ("The one thing I would add is that we just recently announced these price increases.", False, True),
    "important_to_note_frames_a_claim":
        ("At the same time, I think it's important to note, we are launching new innovative products.", False, True),
    "a_statement_with_a_wording_aside_stays_a_claim-1":
        ("It's, for lack of a better word, a platform company.", False, True),
    "a_statement_with_a_wording_aside_stays_a_claim-2":
        ("Revenue grew 12% to $2.5 billion in the quarter, or I should say the right word is net revenue.", False, True),
    "pure_forecast_is_not_a_claim":
        ("We expect the build to reverse next quarter.", True, False),
    "forecast_with_a_past_anchor_is_also_a_claim":
        ("Production increased 20% and we expect more in Q3.", True, True),
    "forecast_with_a_present_progressive_anchor_is_also_a_claim":
        ("Our costs are dropping, and we'll continue to ramp this year.", True, True),
    "attribution_alone_does_not_anchor_a_forecast":
        ("As Lars said, we think it will beat suppliers by year end.", True, False),
    "present_statement_before_the_forecast_cue_makes_it_a_claim_too":
        ("Roughly 20,000 chips are active, and we expect 50,000 by year end.", True, True),
}


@pytest.mark.parametrize(("sentence", "forecast", "expected"), CASES.values(), ids=CASES.keys())
def test_claim_decision(sentence, forecast, expected):
    assert is_claim(sentence, forecast=forecast) is expected


def test_look_or_remember_with_a_comma_opens_a_statement_not_an_imperative():
    assert is_claim("Look, inventories are down 10% from pre-pandemic levels.", role="executive")  # Prologis Q2 2021
    assert is_claim("Remember, our target in 2030 was 45% BEV.", role="executive")  # BorgWarner Q3 2021
    assert not is_claim("Look at the margin.", role="executive")  # near miss: still an imperative


def test_a_feeling_that_presupposes_a_fact_states_it():
    text = "I am pleased to report that Omicron absences are down significantly, and our operation is once again stable."
    assert is_claim(text, role="executive")  # Alaska Air Q4 2021
    assert is_claim("We're also pleased that we generated positive free cash flow of $3.7 million during the quarter.")  # Myers Q2 2020
    assert not is_claim("We're very proud of that order.")  # near miss: Tennant Q2 2021, the feeling alone


def test_a_pleased_feeling_with_figures_states_them():
    text = "And we are pleased with positive blended leasing spreads on new and renewal leases of 3.3% and 11% for the quarter."
    assert is_claim(text, role="executive")  # Whitestone Q3 2020
    # near miss: confidence is no presupposition, its figure is a target (Cigna Q4 2021)
    assert not is_claim("We are confident in our ability to deliver our 2022 full-year adjusted earnings of at least $22.40 per share.")


def test_looking_forward_is_a_feeling_not_a_claim():
    assert not is_claim("We look forward to speaking with you again on our fourth quarter call in February.")  # Alamo Q3 2021
    assert not is_claim("I look forward to discussing additional new products with you in the coming quarters.")  # Oshkosh Q4 2021


def test_a_want_that_frames_what_is_said_is_no_want():
    text = "Looking more closely at the quarterly comparison, I want to note that our 2020 third quarter benefited from higher demand."
    assert is_claim(text, role="executive")  # MSA Safety Q3 2021
    assert not is_claim("We want to make sure that service is not affected.", role="executive")  # near miss: First BanCorp Q4 2021


def test_a_future_left_open_is_no_claim():
    assert not is_claim("I don't know what's going to happen next.")  # Cleveland-Cliffs Q1 2021
    assert not is_claim("We're not sure if that will happen now.")  # Unum Q1 2021
    # near miss: a coordinated clause still asserts the present (Vail Resorts Q3 2021)
    text = "However, we still have the majority of our pass selling season ahead of us, and it is not yet clear if these trends will continue through the fall."
    assert is_claim(text)


def test_right_now_is_a_time_not_an_opinion_on_value():
    assert is_claim("I think the Navy is very pleased with the performance of that ship right now.")  # Huntington Ingalls Q1 2021
    assert not is_claim("I don't think that's the right way to look at it.")  # near miss: 'right' evaluates


def test_what_a_speaker_would_just_say_is_no_hypothetical():
    assert is_claim("I would just say that it's factored into our YieldStar net pricing.")  # Camden Property Trust Q3 2020
    # near miss: 'would just' with another verb stays a hypothetical
    assert not is_claim("We would just need more trucks on the road.")


def test_keep_in_mind_frames_a_statement_not_an_imperative():
    assert is_claim("Keep in mind that net sales were down 28% in Q3 of last year.")  # Sally Beauty Q2 2021
    # near miss: 'keep' giving an order stays an imperative
    assert not is_claim("Keep improving the product every quarter.")


def test_a_feeling_after_a_fronted_phrase_is_no_claim():
    assert not is_claim("In spite of this, I remain optimistic about the future prospects for our company.")  # Alamo Q3 2021
    # near miss: a fronted feeling that presupposes a fact stays a claim (Bio-Rad Q1 2021, a claim in the reference)
    assert is_claim("Overall, we continue to be very pleased with our employee safety despite the increases in COVID in some areas of the world.")
