"""Hedge cues (GUIDELINE.md, "hedged"): what counts, what does not, and how cues are reported."""

from callanalysis.label.hedges import hedge_cues, is_hedged


def test_epistemic_modal_may_is_a_hedge():
    assert hedge_cues("Deliveries may fluctuate from quarter to quarter.") == ("may",)


def test_the_month_may_is_not_a_hedge():
    assert not is_hedged("The plant opened in May 2019.")


def test_could_of_possibility_is_a_hedge():
    assert hedge_cues("The figure could be higher or lower.") == ("could",)


def test_could_of_ability_is_not_a_hedge():
    assert not is_hedged("You could lend your car to a neighbour any time you like.")


def test_could_in_a_request_is_not_a_hedge():
    assert not is_hedged("Could you walk us through the ramp?")


def test_negated_could_idiom_is_not_a_hedge():
    assert not is_hedged("I couldn't agree more.")


def test_could_before_an_amount_is_a_hedge():
    assert "could" in hedge_cues("You could have on the order of 50 gigawatts of compute.")


def test_about_before_a_number_is_an_approximator():
    assert hedge_cues("Output rose about 12% in the quarter.") == ("about",)


def test_about_as_a_preposition_is_not_a_hedge():
    assert not is_hedged("Let me talk about the factory in Texas.")


def test_about_before_a_cell_name_is_not_a_hedge():
    assert not is_hedged("In addition to what she said about 4680, the supply chain improved.")


def test_around_before_a_number_is_an_approximator():
    assert hedge_cues("We have around 2.1 million cars on the road.") == ("around",)


def test_around_in_space_is_not_a_hedge():
    assert not is_hedged("Compute is spread all around the world.")


def test_like_before_a_number_is_not_a_hedge_by_default():
    # The guideline lists "something like" but not bare "like"; the reference annotators do
    # not mark "like 2,000 employees".
    assert not is_hedged("We sent it to like 300 testers first.")


def test_like_as_filler_is_not_a_hedge():
    assert not is_hedged("We have like live dashboards for every event.")


def test_like_as_comparison_is_not_a_hedge():
    assert not is_hedged("It drives just like a human does.")


def test_first_person_think_is_a_hedge():
    assert hedge_cues("I think the ramp is going well.") == ("I think",)


def test_we_think_is_a_hedge():
    assert hedge_cues("We think it includes Canada.") == ("We think",)


def test_i_dont_think_is_a_hedge():
    assert hedge_cues("I don't think that matters much.") == ("I don't think",)


def test_think_about_meaning_consider_is_not_a_hedge():
    assert not is_hedged("We don't think about the elevator at all.")


def test_i_dont_know_is_a_hedge():
    assert hedge_cues("How long the credit lasts, I don't know.") == ("I don't know",)


def test_not_sure_is_a_hedge():
    assert hedge_cues("I'm not sure the rule will stay.") == ("not sure",)


def test_expect_marks_a_forecast_not_a_hedge():
    assert not is_hedged("We expect margins to recover next year.")


def test_plan_marks_a_forecast_not_a_hedge():
    assert not is_hedged("We plan to open two more lines.")


def test_lower_bounds_are_not_hedges():
    assert not is_hedged("Savings will be more than $1 billion, at least 20% over plan.")


def test_plain_conditional_is_not_a_hedge():
    assert not is_hedged("If demand holds, we will add a shift.")


def test_kind_of_is_a_hedge():
    assert hedge_cues("It's kind of odd to see.") == ("kind of",)


def test_kind_of_meaning_type_is_not_a_hedge():
    assert not is_hedged("What kind of battery does it use?")


def test_shield_just_guesses_is_a_hedge():
    assert is_hedged("These are just guesses.")


def test_longer_cue_wins_over_the_cue_inside_it():
    assert hedge_cues("It learns the turn or something like that.") == ("or something like that",)


def test_cues_are_returned_as_written_in_text_order():
    assert hedge_cues("Maybe it ships, I guess, in roughly 3 weeks.") == ("Maybe", "I guess", "roughly")


def test_repeated_cue_is_reported_once():
    assert hedge_cues("About 5% here and about 6% there.") == ("About",)


def test_approximators_or_so_and_ish():
    assert hedge_cues("In a week or so, at 10-ish units.") == ("or so", "10-ish")


def test_about_after_a_speech_verb_is_a_preposition_even_before_an_amount():
    assert not is_hedged("Then we're talking about tens of millions of cars.")


def test_basically_is_an_approximator():
    assert hedge_cues("It was basically a brick.") == ("basically",)


def test_mostly_is_an_approximator():
    assert hedge_cues("It's mostly learning on its own.") == ("mostly",)
