"""What a sentence does in the call, on sentences of several real calls (shared/corpus/fool-dev)."""

from callanalysis.label.sentence_types import COURTESY, PROCEDURE, QUESTION, STATEMENT, sentence_type


def test_every_sentence_of_the_operator_is_procedure():
    # Tennant Q2 2021, Central Pacific Q1 2021
    assert sentence_type("My name is Debra, and I will be your conference operator today.", "operator") == PROCEDURE
    assert sentence_type("This call is being recorded and will be available for replay shortly.", "operator") == PROCEDURE
    assert sentence_type("Your line is open.", "operator") == PROCEDURE


def test_turning_the_call_over_is_procedure():
    assert sentence_type("I'll now turn the call over to Dave.", "investor relations") == PROCEDURE  # Tennant
    assert sentence_type("With that, I'll now turn the call over to Keith.", "investor relations") == PROCEDURE  # Masco
    assert sentence_type("And now, I will hand it over to Rustom.", "executive") == PROCEDURE  # IFF


def test_the_agenda_of_the_call_is_procedure():
    assert sentence_type("Today, we will review the first quarter results of 2021.", "executive") == PROCEDURE  # Bio-Rad
    text = "Dave will brief you on our operations and enterprise strategy, and Fay will cover the financials."
    assert sentence_type(text, "investor relations") == PROCEDURE  # Tennant
    assert sentence_type("After their remarks, we will open the call to questions.", "investor relations") == PROCEDURE


def test_saying_who_speaks_is_procedure():
    text = "I'm William Prate, Senior Director of Global Financial Planning and Analysis and Investor Relations."
    assert sentence_type(text, "investor relations") == PROCEDURE  # Tennant
    assert sentence_type("Joining me this morning are Jay H. Shah, our Chief Executive Officer.", "investor relations") == PROCEDURE  # Hersha
    assert sentence_type("This is Andy.", "executive") == PROCEDURE  # Bio-Rad


def test_safe_harbour_and_non_gaap_notices_are_procedure():
    text = "Such statements are subject to risks and uncertainties, and our actual results may differ materially."
    assert sentence_type(text, "investor relations") == PROCEDURE  # Tennant
    text = "Our remarks today will also include references to non-GAAP net income."
    assert sentence_type(text, "executive") == PROCEDURE  # Bio-Rad


def test_a_fact_about_a_document_is_a_statement():
    text = "Our 2021 second quarter earnings release includes the comparable GAAP measures and a reconciliation."
    assert sentence_type(text, "investor relations") == STATEMENT  # Tennant: the readers call it a claim


def test_a_speaker_announcing_what_comes_next_is_procedure():
    assert sentence_type("Let me put some color around that for you.", "executive") == PROCEDURE  # Tennant
    assert sentence_type("Moving on to the guidance.", "executive") == PROCEDURE  # Bio-Rad
    assert sentence_type("Ilan, maybe just starting with the updated guidance outlook.", "analyst") == PROCEDURE


def test_a_fronted_topic_with_a_main_clause_is_a_statement():
    assert sentence_type("Turning to the balance sheet, cash was $100 million.", "executive") == STATEMENT


def test_telling_you_something_is_a_statement_of_it():
    text = "I can tell you that most of the incremental guidance is associated with the first quarter."
    assert sentence_type(text, "executive") == STATEMENT  # Bio-Rad


def test_greetings_thanks_and_wishes_are_courtesy():
    assert sentence_type("Good morning, everyone, and welcome to Tennant Company's second quarter 2021 earnings conference call.", "investor relations") == COURTESY
    assert sentence_type("Thanks for taking my questions.", "analyst") == COURTESY  # MSC Industrial
    text = "Thank you all for joining us, and we hope that you and your families are well and staying healthy."
    assert sentence_type(text, "executive") == COURTESY  # Bio-Rad
    assert sentence_type("It's been a pleasure working with you.", "executive") == COURTESY  # Tesla


def test_thanks_that_ends_the_sentence_is_courtesy():
    assert sentence_type("I appreciate it.", "analyst") == COURTESY  # Tennant: the readers call it neither claim nor forecast
    assert sentence_type("I really appreciate that, Josh.", "executive") == COURTESY  # Computer Services
    assert sentence_type("I appreciate the color there.", "analyst") == COURTESY


def test_appreciating_a_fact_is_a_statement():
    assert sentence_type("I appreciate that margins fell 3% in Europe.", "analyst") == STATEMENT


def test_thanks_to_a_cause_is_no_courtesy():
    assert sentence_type("Thanks to strong demand, sales rose 8%.", "executive") == STATEMENT


def test_questions_and_requests_are_questions():
    assert sentence_type("How are you thinking about uses of cash over the next couple of quarters?", "analyst") == QUESTION
    assert sentence_type("Could you speak to what the guide assumes specifically for Diagnostics?", "analyst") == QUESTION
    assert sentence_type("I just want to get your kind of take on that.", "analyst") == QUESTION  # Tennant


def test_a_tag_does_not_make_a_statement_a_question():
    text = "And that's most of the incremental guidance that we have alluded to, right?"
    assert sentence_type(text, "executive") == STATEMENT  # Bio-Rad: the readers call it a claim


def test_an_analyst_framing_the_next_question_asks():
    text = "First question on the propane strength, recognizing some of the drivers of broader strength here."
    assert sentence_type(text, "analyst") == QUESTION  # Masco


def test_an_executive_answering_a_named_question_states():
    text = "And to your earlier question on supply chain, it kind of shows itself here with Dynasty."
    assert sentence_type(text, "executive") == STATEMENT  # Masco


def test_investor_relations_moderating_is_procedure():
    assert sentence_type("Elon already talked about that.", "investor relations") == PROCEDURE


def test_a_plain_statement_is_a_statement():
    assert sentence_type("Tennant generated $19.4 million in cash flow from operations in the second quarter.", "executive") == STATEMENT
    assert sentence_type("We will begin shipping in Q3.", "executive") == STATEMENT


def test_an_analyst_opening_without_a_subject_asks():
    assert sentence_type("Just curious how that's shaken out.", "analyst") == QUESTION  # Oshkosh Q4 2021
    assert sentence_type("Wanted to start with Appriss.", "analyst") == QUESTION  # Equifax Q3 2021
    assert sentence_type("And then, just one more, if I may.", "analyst") == QUESTION  # Farmer Mac Q1 2020
    # near miss: an executive's subjectless opening can carry a claim (Kaman Q3 2020)
    text = "And so trying to understand when our customers are comfortable enough is, for us, right now, very challenging."
    assert sentence_type(text, "executive") == STATEMENT


def test_a_wish_without_its_subject_is_courtesy():
    assert sentence_type("Hope you guys are doing well.", "analyst") == COURTESY  # Carnival Q3 2021
    assert sentence_type("I hope everybody is staying safe.", "executive") == COURTESY  # Envestnet Q2 2020
    assert sentence_type("We hope to close the deal in May.", "executive") == STATEMENT  # near miss: a hope about an outcome


def test_a_compliment_on_the_question_is_courtesy():
    assert sentence_type("Marc, it's a great question.", "executive") == COURTESY  # NOV Q2 2021
    assert sentence_type("Yeah, I think that's a good question, Aaron.", "executive") == COURTESY  # Whitestone Q3 2020
    # near miss: the compliment opens a statement (H&R Block Q4 2021)
    text = "Yeah, it's a great question and one of the most important things that we're paying attention to."
    assert sentence_type(text, "executive") == STATEMENT


def test_a_request_in_the_imperative_asks():
    assert sentence_type("Give us some perspective on how big that is.", "analyst") == QUESTION  # KeyCorp Q3 2021
    assert sentence_type("So just talk a little bit more about how responsive your A&M plan is.", "analyst") == QUESTION  # Prestige Q1 2022
    assert sentence_type("Walk-in traffic remains stronger than events still.", "executive") == STATEMENT  # near miss: Callaway Q1 2021


def test_a_question_by_its_word_order_asks_without_a_question_mark():
    assert sentence_type("Did you complete the inventory rationalization.", "analyst") == QUESTION  # Callaway Q4 2020
    assert sentence_type("And are you seeing any push back in any areas.", "analyst") == QUESTION  # TrueBlue Q2 2021
    assert sentence_type("There is some seasonality in that business.", "analyst") == STATEMENT  # near miss: no inversion


def test_a_discourse_marker_before_the_speaker_keeps_call_procedure():
    text = "Now I will turn the call over to Jim for a more in-depth review of our results and updated financial guidance."
    assert sentence_type(text, "executive") == PROCEDURE  # AmerisourceBergen Q3 2021
    assert sentence_type("Sure I'll start.", "executive") == PROCEDURE  # Aaron's Q1 2021
    text = "This morning I'll provide an overview of the quarter and how we performed by operating segments."
    assert sentence_type(text, "executive") == PROCEDURE  # Aflac Q3 2020
    # near miss: a clause joined by "and" before the announcement states a fact (MSC Industrial Q4 2021)
    text = "Our structural cost takeout also helped drive profitability, and I'll speak more to that in just a minute."
    assert sentence_type(text, "executive") == STATEMENT


def test_a_colleague_following_with_a_discussion_is_procedure():
    text = "Ademir will follow with a discussion of our consolidated results and financial position."
    assert sentence_type(text, "executive") == PROCEDURE  # Standex Q2 2021
    assert sentence_type("After his comments, I will follow with some closing remarks.", "executive") == PROCEDURE  # Nabors Q4 2020


def test_starting_on_a_slide_or_before_a_colleague_is_procedure():
    text = "I'll start, as I always do with an update on cash flow, liquidity and our balance sheet."
    assert sentence_type(text, "executive") == PROCEDURE  # Alaska Air Q4 2021
    assert sentence_type("I'll start on Slide 9.", "executive") == PROCEDURE  # Black Hills Q4 2020
    assert sentence_type("So maybe I'll start, and then Bob can kind of fill in.", "executive") == PROCEDURE  # Equity Residential Q1 2020
    # near miss: "start" of a programme, then a forecast (Bio-Rad Q1 2021)
    text = ("We will start, and we expect to see some benefit to start sometime next year, and to fully realize it in 2023, "
            "and that's part of our kind of long-term strategy, and that's part of what we have been communicating since December.")
    assert sentence_type(text, "executive") == STATEMENT


def test_a_presentation_used_on_the_call_is_procedure():
    text = "We have prepared a slide presentation that we will refer to in our remarks today."
    assert sentence_type(text, "executive") == PROCEDURE  # Central Pacific Q1 2021


def test_highlighting_that_a_fact_holds_is_a_statement_of_it():
    text = "As Ted mentioned, I want to highlight that during Q3, we executed a $600 million five-year senior secured bond at 1.573%."
    assert sentence_type(text, "executive") == STATEMENT  # Sealed Air Q3 2021
    text = "Joan, let me remind you that Cosmetics is a very small percentage of our business, less than 6% of Sally and even less than BSG."
    assert sentence_type(text, "executive") == STATEMENT  # Sally Beauty Q2 2021
    # near misses: "that" as the thing clarified; the safe-harbour reminder (Aaron's Q3 2021, NOV Q2 2021)
    assert sentence_type("I'll clarify that for you.", "executive") == PROCEDURE
    text = ("Before we begin, I would like to remind you that some of today's comments are forward-looking statements "
            "within the meaning of the federal security laws.")
    assert sentence_type(text, "investor relations") == PROCEDURE


def test_saying_followed_by_a_clause_is_a_statement_of_it():
    assert sentence_type("I will say it was close.", "executive") == STATEMENT  # Fluor Q2 2021
    text = ("But I can tell you when it comes to auto retail and people buying individual cars, both pre-owned and new, "
            "the demand is exceptionally strong.")
    assert sentence_type(text, "executive") == STATEMENT  # AutoNation Q3 2020
    assert sentence_type("Yeah I'll say two things.", "executive") == PROCEDURE  # near miss: Kimberly-Clark Q2 2021


def test_a_back_reference_to_the_prepared_remarks_is_a_statement():
    text = "We are seeing some supply chain impact, as I said in our prepared remarks."
    assert sentence_type(text, "executive") == STATEMENT  # Estee Lauder Q1 2022
    # near misses: the agenda around the prepared remarks (Aaron's Q1 2021, Estee Lauder Q1 2022)
    assert sentence_type("After our prepared remarks, we will open the call for questions.", "investor relations") == PROCEDURE
    assert sentence_type("That concludes our prepared remarks.", "executive") == PROCEDURE


def test_a_speech_act_set_at_a_later_call_or_time_is_a_statement():
    # a scheduled event, not the running of this call: KeyCorp Q3 2021, Thomson Reuters Q2 2021, Waste Management Q3 2021
    assert sentence_type("We will share that guidance with everybody in our January call.", "executive") == STATEMENT
    assert sentence_type("And we'll provide an update in February on '22 and '23.", "executive") == STATEMENT
    assert sentence_type("We'll give you more color next quarter.", "executive") == STATEMENT


def test_a_speech_act_later_in_this_call_stays_procedure():
    # Sempra Q4 2021; Beazer Homes Q3 2020 (the later time is the objectives', not the recap's); Equity LifeStyle Q1 2020
    text = "Trevor will walk through the details on our long-term growth drivers later in the presentation."
    assert sentence_type(text, "executive") == PROCEDURE
    text = "On our call today, Allan will review highlights from the third quarter and then recap our strategic objectives for the coming quarters."
    assert sentence_type(text, "investor relations") == PROCEDURE
    assert sentence_type("I will provide an overview of our first quarter results and highlight operating performance in April.", "executive") == PROCEDURE


def test_a_later_event_outside_the_clause_of_the_turn_over_keeps_it_procedure():
    # Equifax Q3 2021: the later meeting is what the next speaker talks about
    text = "Let me now turn it over to Dorian, who will give you the details on our November 10 meeting focused on the new Equifax, and then we'll take some questions."
    assert sentence_type(text, "executive") == PROCEDURE
