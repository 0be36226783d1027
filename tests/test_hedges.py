"""Hedge and booster cues (GUIDELINE.md, "hedged" and "boosted"): what counts, what does not, and
how cues are reported."""

import pytest

from callanalysis.label.boosters import booster_cues
from callanalysis.label.hedges import hedge_cues


def test_could_before_an_amount_is_a_hedge():
    assert "could" in hedge_cues("You could have on the order of 50 gigawatts of compute.")


def test_shield_just_guesses_is_a_hedge():
    assert hedge_cues("These are just guesses.")


#: Each case: what it shows -> (sentence, its hedge cues as written, ``;``-joined as in the sentence table).
HEDGE = {
    "epistemic_modal_may_is_a_hedge":
        ("Deliveries may fluctuate from quarter to quarter.", "may"),
    "the_month_may_is_not_a_hedge":
        ("The plant opened in May 2019.", ""),
    "could_of_possibility_is_a_hedge":
        ("The figure could be higher or lower.", "could"),
    "could_of_ability_is_not_a_hedge":
        ("You could lend your car to a neighbour any time you like.", ""),
    "could_in_a_request_is_not_a_hedge":
        ("Could you walk us through the ramp?", ""),
    "negated_could_idiom_is_not_a_hedge":
        ("I couldn't agree more.", ""),
    "about_before_a_number_is_an_approximator":
        ("Output rose about 12% in the quarter.", "about"),
    "about_as_a_preposition_is_not_a_hedge":
        ("Let me talk about the factory in Texas.", ""),
    "about_before_a_cell_name_is_not_a_hedge":
        ("In addition to what she said about 4680, the supply chain improved.", ""),
    "around_before_a_number_is_an_approximator":
        ("We have around 2.1 million cars on the road.", "around"),
    "around_in_space_is_not_a_hedge":
        ("Compute is spread all around the world.", ""),
    "like_before_a_number_is_not_a_hedge_by_default":
        ("We sent it to like 300 testers first.", ""),
    "like_as_filler_is_not_a_hedge":
        ("We have like live dashboards for every event.", ""),
    "like_as_comparison_is_not_a_hedge":
        ("It drives just like a human does.", ""),
    "first_person_think_is_a_hedge":
        ("I think the ramp is going well.", "I think"),
    "we_think_is_a_hedge":
        ("We think it includes Canada.", "We think"),
    "i_dont_think_is_a_hedge":
        ("I don't think that matters much.", "I don't think"),
    "think_about_meaning_consider_is_not_a_hedge":
        ("We don't think about the elevator at all.", ""),
    "i_dont_know_is_a_hedge":
        ("How long the credit lasts, I don't know.", "I don't know"),
    "not_sure_is_a_hedge":
        ("I'm not sure the rule will stay.", "not sure"),
    "expect_marks_a_forecast_not_a_hedge":
        ("We expect margins to recover next year.", ""),
    "plan_marks_a_forecast_not_a_hedge":
        ("We plan to open two more lines.", ""),
    "lower_bounds_are_not_hedges":
        ("Savings will be more than $1 billion, at least 20% over plan.", ""),
    "plain_conditional_is_not_a_hedge":
        ("If demand holds, we will add a shift.", ""),
    "kind_of_is_a_hedge":
        ("It's kind of odd to see.", "kind of"),
    "kind_of_meaning_type_is_not_a_hedge":
        ("What kind of battery does it use?", ""),
    "longer_cue_wins_over_the_cue_inside_it":
        ("It learns the turn or something like that.", "or something like that"),
    "cues_are_returned_as_written_in_text_order":
        ("Maybe it ships, I guess, in roughly 3 weeks.", "Maybe;I guess;roughly"),
    "repeated_cue_is_reported_once":
        ("About 5% here and about 6% there.", "About"),
    "approximators_or_so_and_ish":
        ("In a week or so, at 10-ish units.", "or so;10-ish"),
    "about_after_a_speech_verb_is_a_preposition_even_before_an_amount":
        ("Then we're talking about tens of millions of cars.", ""),
    "basically_is_an_approximator":
        ("It was basically a brick.", "basically"),
    "mostly_is_an_approximator":
        ("It's mostly learning on its own.", "mostly"),
    "may_of_permission_is_not_a_hedge":
        ("Mr. Prate, you may begin your conference.", ""),
    "maybe_framing_an_analysts_next_question_is_not_a_hedge-1":
        ("Ilan, maybe just starting with the updated guidance outlook.", ""),
    "maybe_framing_an_analysts_next_question_is_not_a_hedge-2":
        ("And then maybe one more for you, Annette.", ""),
    "a_wish_with_we_hope_is_not_a_hedge":
        ("We hope that you and your families are well and staying healthy.", ""),
    "a_rule_of_thumb_is_a_hedge-1":
        ("Industrial customers tend to be more at depth at adopting automation.", "tend to"),
    "a_rule_of_thumb_is_a_hedge-2":
        ("Generally, we are seeing most labs now running at capacity.", "Generally"),
    "generally_accepted_accounting_principles_is_no_hedge":
        ("Measures not defined under Generally Accepted Accounting Principles.", ""),
    "an_estimate_is_a_hedge_but_the_noun_is_not-1":
        ("We estimate that COVID-19-related sales were $94 million in the quarter.", "We estimate"),
    "an_estimate_is_a_hedge_but_the_noun_is_not-2":
        ("We have an estimate of the critical events.", ""),
    "the_speakers_own_assumption_is_a_hedge-1":
        ("That's our assumption.", "That's our assumption"),
    "the_speakers_own_assumption_is_a_hedge-2":
        ("It also assumes there will be no significant restrictions.", ""),
    "safe_harbour_shields_are_hedges-1":
        ("Such statements are subject to risks and uncertainties.", "subject to risks"),
    "safe_harbour_shields_are_hedges-2":
        ("You should not place undue reliance on these statements.", "undue reliance"),
    "a_tough_one_to_quantify_is_a_shield":
        ("It's a tough one to quantify.", "tough one to quantify"),
    "it_sounds_like_is_a_hedge":
        ("Now it sounds like that's something you'll move forward with.", "sounds like"),
    # Real sentences of the fool-dev calls (the call named in each comment).
    # PBH Q3 2021: a capital 'May' inside a sentence is the month
    "the_month_may_inside_a_sentence_is_not_a_hedge":
        ("So, we'll give an updated outlook on what to expect for Fiscal 2022 on our May call.", ""),
    # TRI Q2 2021
    "may_of_permission_to_access_is_not_a_hedge":
        ("You may access these documents on our website or by contacting our investor relations department.", ""),
    # CPT Q3 2020
    "may_i_asking_leave_is_not_a_hedge":
        ("May I ask who the buyer was.", ""),
    # ITW Q4 2019
    "i_think_before_in_is_a_hedge":
        ("I think in Q1 we had this added uncertainty around China.", "I think"),
    # SNV Q3 2021
    "believe_in_is_not_a_hedge":
        ("We believe in our partnerships.", ""),
    # PBH Q3 2021
    "i_would_think_is_a_hedge":
        ("I would think that your interest expense should come down meaningfully, just given your fundamentals.", "I would think"),
    # PBH Q3 2021
    "i_would_imagine_is_a_hedge":
        ("So, I would imagine that's going to continue.", "I would imagine"),
    # T Q4 2021
    "we_feel_like_is_a_hedge":
        ("We feel like we're through the supply related issues.", "We feel like"),
    # ELS Q2 2020
    "feeling_good_about_is_not_a_hedge":
        ("We feel very good about our business going forward.", ""),
    # CAG Q2 2022
    "it_looks_like_is_a_hedge":
        ("I look at what's changed in my model anyway, is it looks like you raised your pricing guidance for the year.", "it looks like"),
    # FLR Q2 2021
    "what_that_looks_like_is_not_a_hedge":
        ("But until they do their work and until we receive their feedback, we won't know what that looks like.", ""),
    # ITW Q4 2019
    "too_early_to_tell_is_a_shield":
        ("But obviously it's too early to tell and we'll continue to monitor the situation closely.", "too early to tell"),
    # CMA Q4 2020
    "remains_to_be_seen_is_a_shield":
        ("So how much liquidity and excess liquidity we have, remains to be seen.", "remains to be seen"),
    # MYE Q2 2020
    "a_crystal_ball_is_a_shield":
        ("No one has a crystal ball here.", "crystal ball"),
    # VGR Q3 2020
    "to_some_degree_is_an_approximator":
        ("So the market has recovered to some degree, but prices are still down from the highs.", "to some degree"),
    # SBH Q2 2021
    "to_a_lesser_degree_is_a_comparison_not_a_hedge":
        ("And then January was a challenging month for the international markets and to a lesser degree for BSG.", ""),
    # NOV Q3 2021
    "we_are_hopeful_is_a_hedge":
        ("We are hopeful that the worst of the steel inflation is behind us.", "We are hopeful"),
    # RPM Q4 2021
    "an_estimated_figure_is_a_hedge":
        ("In Q4, this raw material availability cost us an estimated $100 million in revenue.", "an estimated"),
    # VGR Q3 2020
    "unclear_is_a_hedge":
        ("That's unclear at the moment.", "That's unclear"),
    # EQR Q1 2020
    "my_sense_is_a_hedge":
        ("So my sense is that you're going to see investor interest get sorted out.", "my sense"),
    # WM Q3 2021
    "somewhere_between_two_amounts_is_an_approximator":
        ("The cost of that was somewhere between $2 million and $3 million over a two-week period.", "somewhere between"),
    # EXR Q3 2021
    "somewhere_as_a_place_is_not_a_hedge":
        ("Most of our customers are somewhere in the moving process.", ""),
    # MSA Q2 2021
    "in_the_ballpark_is_an_approximator":
        ("That's -- you're right in the ballpark of that.", "ballpark"),
    # PFS Q3 2021
    "call_it_before_an_amount_is_an_approximator":
        ("So call it $61 million to $62 million, excluding the provisions for commitments on credit.", "call it"),
    # GGG Q3 2020
    "call_it_naming_something_is_not_a_hedge":
        ("So, CapEx is done here and I'll call it a decentralized basis.", ""),
    # ITW Q4 2019
    "we_will_see_how_it_plays_out_is_a_shield":
        ("We'll see how that plays out.", "We'll see how"),
    # MHK Q2 2021
    "we_will_see_more_is_a_forecast_not_a_hedge":
        ("We'll see more of those.", ""),
}


#: Each case: what it shows -> (sentence, its booster cues as written, ``;``-joined as in the sentence table).
BOOSTER = {
    "certainty_adverb_is_a_booster":
        ("Clearly, the new line works.", "Clearly"),
    "of_course_is_a_booster":
        ("Of course, scale is what lowers cost.", "Of course"),
    "in_fact_is_a_booster":
        ("In fact, margins improved.", "In fact"),
    "will_is_never_a_booster":
        ("It will increase.", ""),
    "degree_intensifiers_are_not_boosters":
        ("The offer is extremely attractive and very efficient, and we are super excited.", ""),
    "superlatives_are_not_boosters":
        ("It is the best car we have made.", ""),
    "actually_stressing_truth_is_a_booster":
        ("It actually works well in any market.", "actually"),
    "factive_we_know_absorbs_the_actually_inside_it":
        ("We actually know it will happen.", "We actually know"),
    "actually_as_an_aside_is_not_a_booster":
        ("Well, actually, it doesn't need a driver.", ""),
    "actually_in_thanks_is_not_a_booster":
        ("That's actually very helpful, thanks.", ""),
    "really_as_sentence_adverb_stressing_truth_is_a_booster":
        ("Really, we are a robotics company.", "Really"),
    "really_after_copula_before_a_noun_phrase_is_a_booster":
        ("That's really the whole point.", "really"),
    "really_as_intensity_is_not_a_booster":
        ("The outlook is really great.", ""),
    "really_after_negation_is_not_a_booster":
        ("They had not really believed in it.", ""),
    "absolutely_affirming_is_a_booster":
        ("Yes, absolutely, it is.", "absolutely"),
    "absolutely_as_degree_is_not_a_booster":
        ("The factory is absolutely huge.", ""),
    "factive_it_is_clear_is_a_booster":
        ("It is clear that suppliers have spare capacity.", "It is clear"),
    "becoming_obvious_in_a_condition_is_not_a_booster":
        ("Once it becomes obvious, everyone will license it.", ""),
    "confidence_phrase_is_a_booster":
        ("That gives us confidence in the plan.", "gives us confidence"),
    "confidence_inside_a_condition_is_not_a_booster":
        ("Once we have confidence that the build is better, we ship it.", ""),
    "categorical_it_is_happening_is_a_booster":
        ("And as I said, it's happening.", "it's happening"),
    "flat_denial_it_is_not_possible_is_a_booster":
        ("It's not possible.", "It's not possible"),
    "i_dont_know_is_not_a_factive_booster":
        ("I don't know what they will do.", ""),
    "you_know_filler_is_not_a_booster":
        ("You know, we are making progress.", ""),
    "negated_certainly_is_not_a_booster":
        ("That is not certainly the case.", ""),
    "make_sure_is_not_a_booster":
        ("We will make sure the ramp is smooth.", ""),
    "i_know_that_you_did_something_is_a_factive_booster-1":
        ("And then in terms of the, I know you haven't wanted to raise prices.", "I know"),
    "i_know_that_you_did_something_is_a_factive_booster-2":
        ("I know you -- last quarter, you were talking about o U.S. becoming a little bigger.", "I know"),
    "know_if_is_no_booster":
        ("I don't know if we know whether it will rain.", ""),
    "really_before_a_negated_verb_stresses_truth":
        ("Then you really don't understand what's going on.", "really"),
    "there_is_really_nothing_is_a_booster":
        ("There's really nothing limiting the ramp.", "really"),
    "as_you_know_is_a_stance_booster":
        ("As you know, we closed the deal in March.", "As you know"),
    "its_evident_is_a_stance_booster":
        ("It's evident that demand is strong.", "It's evident"),
    "confidence_of_management_is_a_booster-1":
        ("Our guidance reflects management's confidence in a broadening recovery.", "management's confidence"),
    "confidence_of_management_is_a_booster-2":
        ("We expect the impact to last, but are confident in our ability to meet demand.", "are confident"),
    "sentence_initial_actually_stresses_truth":
        ("Actually, we were pretty pleased with the recovery.", "Actually"),
    "really_before_a_verb_of_the_present_stresses_truth":
        ("So I'd say it's really meeting our expectations for the year.", "really"),
    # Bio-Rad Q1 2021 (the reference annotation: hedged, not boosted)
    "as_you_probably_know_is_not_a_booster":
        ("I mean we're not a major player, I think, as you probably know, in this segment, particularly.", ""),
    # NOW Q2 2021
    "repeated_really_is_degree_not_a_booster":
        ("So really, really pleased with the progress there.", ""),
    # EME Q2 2021
    "what_we_know_as_a_thing_is_not_a_booster":
        ("We tell them what we know.", ""),
    # CLF Q1 2021
    "what_i_know_is_that_is_a_booster":
        ("What I know is that if I have my footprint, producing 17 million tons of steel a year, producing $4 billion-plus of EBITDA here, debt-free.",
         "I know"),
}


CASES = [
    *((hedge_cues, name, sentence, cues) for name, (sentence, cues) in HEDGE.items()),
    *((booster_cues, name, sentence, cues) for name, (sentence, cues) in BOOSTER.items()),
]


@pytest.mark.parametrize(("detector", "sentence", "cues"), [c[0:1] + c[2:] for c in CASES], ids=[c[1] for c in CASES])
def test_cues_as_written(detector, sentence, cues):
    assert ";".join(detector(sentence)) == cues
