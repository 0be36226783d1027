"""One topic per sentence from the topic lexicon."""

from callanalysis.label.topics import OTHER, assign_topic, topic_scores


def test_autonomy():
    assert assign_topic("FSD V12 is a big step for self-driving.") == "autonomy"


def test_ai_compute():
    assert assign_topic("We have brought up 35,000 H100 GPUs for training.") == "ai_compute"


def test_optimus():
    assert assign_topic("Optimus is doing simple tasks in the lab.") == "optimus"


def test_cybertruck():
    assert assign_topic("The Cybertruck ramp continues.") == "cybertruck"


def test_energy_storage():
    assert assign_topic("Megapack deployments reached a record.") == "energy_storage"


def test_batteries():
    assert assign_topic("We are ramping the third 4680 line.") == "batteries"


def test_new_vehicles():
    assert assign_topic("The new vehicles include more affordable models.") == "new_vehicles"


def test_costs_and_margins():
    assert assign_topic("Auto margins declined on higher cost.") == "costs_margins"


def test_demand_and_pricing():
    assert assign_topic("Lower prices and leasing offers are driving demand.") == "demand_pricing"


def test_regulation():
    assert assign_topic("Regulatory approval is moving in several states.") == "regulation"


def test_licensing():
    assert assign_topic("We are talking to an automaker about licensing.") == "licensing"


def test_organisation():
    assert assign_topic("We reduced head count across the company.") == "organisation"


def test_no_keyword_gives_other():
    assert assign_topic("Thank you very much.") == OTHER


def test_most_matches_wins():
    assert topic_scores("Cell cost and battery cost and cell supply")["batteries"] == 3
    assert assign_topic("Cell cost and battery cost and cell supply") == "batteries"


def test_tie_breaks_by_priority_named_programme_first():
    assert assign_topic("4680 costs are dropping.") == "batteries"
