"""Hedge cues (GUIDELINE.md, "hedged"): what counts, what does not, and how cues are reported."""

from callanalysis.label.hedges import hedge_cues


def test_epistemic_modal_may_is_a_hedge():
    assert hedge_cues("Deliveries may fluctuate from quarter to quarter.") == ("may",)


def test_the_month_may_is_not_a_hedge():
    assert not hedge_cues("The plant opened in May 2019.")


def test_could_of_possibility_is_a_hedge():
    assert hedge_cues("The figure could be higher or lower.") == ("could",)


def test_could_of_ability_is_not_a_hedge():
    assert not hedge_cues("You could lend your car to a neighbour any time you like.")


def test_could_in_a_request_is_not_a_hedge():
    assert not hedge_cues("Could you walk us through the ramp?")


def test_negated_could_idiom_is_not_a_hedge():
    assert not hedge_cues("I couldn't agree more.")


def test_could_before_an_amount_is_a_hedge():
    assert "could" in hedge_cues("You could have on the order of 50 gigawatts of compute.")


def test_about_before_a_number_is_an_approximator():
    assert hedge_cues("Output rose about 12% in the quarter.") == ("about",)


def test_about_as_a_preposition_is_not_a_hedge():
    assert not hedge_cues("Let me talk about the factory in Texas.")


def test_about_before_a_cell_name_is_not_a_hedge():
    assert not hedge_cues("In addition to what she said about 4680, the supply chain improved.")


def test_around_before_a_number_is_an_approximator():
    assert hedge_cues("We have around 2.1 million cars on the road.") == ("around",)


def test_around_in_space_is_not_a_hedge():
    assert not hedge_cues("Compute is spread all around the world.")


def test_like_before_a_number_is_not_a_hedge_by_default():
    # The guideline lists "something like" but not bare "like"; the reference annotators do
    # not mark "like 2,000 employees".
    assert not hedge_cues("We sent it to like 300 testers first.")


def test_like_as_filler_is_not_a_hedge():
    assert not hedge_cues("We have like live dashboards for every event.")


def test_like_as_comparison_is_not_a_hedge():
    assert not hedge_cues("It drives just like a human does.")


def test_first_person_think_is_a_hedge():
    assert hedge_cues("I think the ramp is going well.") == ("I think",)


def test_we_think_is_a_hedge():
    assert hedge_cues("We think it includes Canada.") == ("We think",)


def test_i_dont_think_is_a_hedge():
    assert hedge_cues("I don't think that matters much.") == ("I don't think",)


def test_think_about_meaning_consider_is_not_a_hedge():
    assert not hedge_cues("We don't think about the elevator at all.")


def test_i_dont_know_is_a_hedge():
    assert hedge_cues("How long the credit lasts, I don't know.") == ("I don't know",)


def test_not_sure_is_a_hedge():
    assert hedge_cues("I'm not sure the rule will stay.") == ("not sure",)


def test_expect_marks_a_forecast_not_a_hedge():
    assert not hedge_cues("We expect margins to recover next year.")


def test_plan_marks_a_forecast_not_a_hedge():
    assert not hedge_cues("We plan to open two more lines.")


def test_lower_bounds_are_not_hedges():
    assert not hedge_cues("Savings will be more than $1 billion, at least 20% over plan.")


def test_plain_conditional_is_not_a_hedge():
    assert not hedge_cues("If demand holds, we will add a shift.")


def test_kind_of_is_a_hedge():
    assert hedge_cues("It's kind of odd to see.") == ("kind of",)


def test_kind_of_meaning_type_is_not_a_hedge():
    assert not hedge_cues("What kind of battery does it use?")


def test_shield_just_guesses_is_a_hedge():
    assert hedge_cues("These are just guesses.")


def test_longer_cue_wins_over_the_cue_inside_it():
    assert hedge_cues("It learns the turn or something like that.") == ("or something like that",)


def test_cues_are_returned_as_written_in_text_order():
    assert hedge_cues("Maybe it ships, I guess, in roughly 3 weeks.") == ("Maybe", "I guess", "roughly")


def test_repeated_cue_is_reported_once():
    assert hedge_cues("About 5% here and about 6% there.") == ("About",)


def test_approximators_or_so_and_ish():
    assert hedge_cues("In a week or so, at 10-ish units.") == ("or so", "10-ish")


def test_about_after_a_speech_verb_is_a_preposition_even_before_an_amount():
    assert not hedge_cues("Then we're talking about tens of millions of cars.")


def test_basically_is_an_approximator():
    assert hedge_cues("It was basically a brick.") == ("basically",)


def test_mostly_is_an_approximator():
    assert hedge_cues("It's mostly learning on its own.") == ("mostly",)


def test_may_of_permission_is_not_a_hedge():
    assert not hedge_cues("Mr. Prate, you may begin your conference.")  # Tennant's operator


def test_maybe_framing_an_analysts_next_question_is_not_a_hedge():
    assert not hedge_cues("Ilan, maybe just starting with the updated guidance outlook.")  # Bio-Rad
    assert not hedge_cues("And then maybe one more for you, Annette.")


def test_a_wish_with_we_hope_is_not_a_hedge():
    assert not hedge_cues("We hope that you and your families are well and staying healthy.")


def test_a_rule_of_thumb_is_a_hedge():
    assert hedge_cues("Industrial customers tend to be more at depth at adopting automation.") == ("tend to",)
    assert hedge_cues("Generally, we are seeing most labs now running at capacity.") == ("Generally",)


def test_generally_accepted_accounting_principles_is_no_hedge():
    assert not hedge_cues("Measures not defined under Generally Accepted Accounting Principles.")


def test_an_estimate_is_a_hedge_but_the_noun_is_not():
    assert hedge_cues("We estimate that COVID-19-related sales were $94 million in the quarter.") == ("We estimate",)
    assert not hedge_cues("We have an estimate of the critical events.")


def test_the_speakers_own_assumption_is_a_hedge():
    assert hedge_cues("That's our assumption.") == ("That's our assumption",)
    assert not hedge_cues("It also assumes there will be no significant restrictions.")


def test_safe_harbour_shields_are_hedges():
    assert hedge_cues("Such statements are subject to risks and uncertainties.") == ("subject to risks",)
    assert hedge_cues("You should not place undue reliance on these statements.") == ("undue reliance",)


def test_a_tough_one_to_quantify_is_a_shield():
    assert hedge_cues("It's a tough one to quantify.") == ("tough one to quantify",)


def test_it_sounds_like_is_a_hedge():
    assert hedge_cues("Now it sounds like that's something you'll move forward with.") == ("sounds like",)
