"""Booster cues (GUIDELINE.md, "boosted")."""

from callanalysis.label.boosters import booster_cues


def test_certainty_adverb_is_a_booster():
    assert booster_cues("Clearly, the new line works.") == ("Clearly",)


def test_of_course_is_a_booster():
    assert booster_cues("Of course, scale is what lowers cost.") == ("Of course",)


def test_in_fact_is_a_booster():
    assert booster_cues("In fact, margins improved.") == ("In fact",)


def test_will_is_never_a_booster():
    assert not booster_cues("It will increase.")


def test_degree_intensifiers_are_not_boosters():
    assert not booster_cues("The offer is extremely attractive and very efficient, and we are super excited.")


def test_superlatives_are_not_boosters():
    assert not booster_cues("It is the best car we have made.")


def test_actually_stressing_truth_is_a_booster():
    assert booster_cues("It actually works well in any market.") == ("actually",)


def test_factive_we_know_absorbs_the_actually_inside_it():
    assert booster_cues("We actually know it will happen.") == ("We actually know",)


def test_actually_as_an_aside_is_not_a_booster():
    assert not booster_cues("Well, actually, it doesn't need a driver.")


def test_actually_in_thanks_is_not_a_booster():
    assert not booster_cues("That's actually very helpful, thanks.")


def test_really_as_sentence_adverb_stressing_truth_is_a_booster():
    assert booster_cues("Really, we are a robotics company.") == ("Really",)


def test_really_after_copula_before_a_noun_phrase_is_a_booster():
    assert booster_cues("That's really the whole point.") == ("really",)


def test_really_as_intensity_is_not_a_booster():
    assert not booster_cues("The outlook is really great.")


def test_really_after_negation_is_not_a_booster():
    assert not booster_cues("They had not really believed in it.")


def test_absolutely_affirming_is_a_booster():
    assert booster_cues("Yes, absolutely, it is.") == ("absolutely",)


def test_absolutely_as_degree_is_not_a_booster():
    assert not booster_cues("The factory is absolutely huge.")


def test_factive_it_is_clear_is_a_booster():
    assert booster_cues("It is clear that suppliers have spare capacity.") == ("It is clear",)


def test_becoming_obvious_in_a_condition_is_not_a_booster():
    assert not booster_cues("Once it becomes obvious, everyone will license it.")


def test_confidence_phrase_is_a_booster():
    assert booster_cues("That gives us confidence in the plan.") == ("gives us confidence",)


def test_confidence_inside_a_condition_is_not_a_booster():
    assert not booster_cues("Once we have confidence that the build is better, we ship it.")


def test_categorical_it_is_happening_is_a_booster():
    assert booster_cues("And as I said, it's happening.") == ("it's happening",)


def test_flat_denial_it_is_not_possible_is_a_booster():
    assert booster_cues("It's not possible.") == ("It's not possible",)


def test_i_dont_know_is_not_a_factive_booster():
    assert not booster_cues("I don't know what they will do.")


def test_you_know_filler_is_not_a_booster():
    assert not booster_cues("You know, we are making progress.")


def test_negated_certainly_is_not_a_booster():
    assert not booster_cues("That is not certainly the case.")


def test_make_sure_is_not_a_booster():
    assert not booster_cues("We will make sure the ramp is smooth.")


def test_i_know_that_you_did_something_is_a_factive_booster():
    # Tennant Q2 2021 and Bio-Rad Q1 2021: the readers mark "I know" before what the company did
    assert booster_cues("And then in terms of the, I know you haven't wanted to raise prices.") == ("I know",)
    assert booster_cues("I know you -- last quarter, you were talking about o U.S. becoming a little bigger.") == ("I know",)


def test_know_if_is_no_booster():
    assert not booster_cues("I don't know if we know whether it will rain.")


def test_really_before_a_negated_verb_stresses_truth():
    assert booster_cues("Then you really don't understand what's going on.") == ("really",)


def test_there_is_really_nothing_is_a_booster():
    assert booster_cues("There's really nothing limiting the ramp.") == ("really",)


def test_as_you_know_is_a_stance_booster():
    assert booster_cues("As you know, we closed the deal in March.") == ("As you know",)


def test_its_evident_is_a_stance_booster():
    assert booster_cues("It's evident that demand is strong.") == ("It's evident",)


def test_confidence_of_management_is_a_booster():
    assert booster_cues("Our guidance reflects management's confidence in a broadening recovery.") == ("management's confidence",)
    assert booster_cues("We expect the impact to last, but are confident in our ability to meet demand.") == ("are confident",)


def test_sentence_initial_actually_stresses_truth():
    assert booster_cues("Actually, we were pretty pleased with the recovery.") == ("Actually",)  # Bio-Rad


def test_really_before_a_verb_of_the_present_stresses_truth():
    assert booster_cues("So I'd say it's really meeting our expectations for the year.") == ("really",)  # Bio-Rad
