"""The vocabulary of the backward path: step names, outcome words, lead-ins, small talk.
Every list is a rubric parameter (`facts.path` in the rubric YAML)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# canonical step -> phrases that name it (checked in order: the first match names the span)
DEFAULT_STEPS: dict[str, tuple[str, ...]] = {
    "technical review": (r"(?:network|technical|architecture|compliance|it|design|code|privacy|risk) review",),
    "security review": (r"security (?:review|sign[- ]?off|questionnaire|approval|assessment|check)",
                        r"infosec review", r"vendor (?:risk )?(?:review|assessment)",
                        r"it security"),
    "legal review": (r"legal(?: review| sign[- ]?off| approval)?", r"redlines?", r"msa review"),
    "procurement": (r"procurement", r"purchase order", r"vendor (?:setup|onboarding|registration)",
                    r"(?:release|place|put in|submit) (?:the |an? |our |your )?(?:[\w-]+ )?order"),
    "signature": (r"signature", r"sign(?:ed|ing|s)?(?![- ]off)(?! by \w+['’]s\b)", r"contracts?", r"order form",
                  r"sow", r"paperwork", r"(?:signed )?order", r"agreement", r"countersign(?:ed)?",
                  r"executed"),
    "approval": (r"approv(?:al|ed|e|ing)", r"sign(?:s|ed|ing)?[- ]?off", r"budget release", r"board vot(?:e|es|ing)"),
    "kickoff": (r"kick[- ]?off", r"project start"),
    "integration": (r"integration", r"interface", r"connector", r"(?:data )?feed", r"api"),
    "cutover": (r"change window", r"cut ?over", r"maintenance window", r"switch ?over"),
    "configuration": (r"configur(?:ation|ed|e)", r"set ?up", r"build(?:out)?", r"provision(?:ing|ed)?"),
    "data migration": (r"(?:data )?migrat(?:ion|ed|ing)", r"data (?:load(?:ed|ing)?|import(?:ed)?)",
                       r"import(?:ed)?", r"(?:data )?conversion", r"data loaded", r"loaded"),
    "training": (r"train(?:ing|ed|s)?", r"workshops?", r"enablement"),
    "pilot": (r"pilot(?: start| launch| kickoff)?", r"proof of concept", r"poc"),
    "testing": (r"(?:load|user acceptance|acceptance|end[- ]to[- ]end|parallel) test(?:ing|s)?",
                r"testing", r"uat", r"dry run", r"validation"),
    "go-live": (r"go(?:es|ing)?[- ]?live", r"live", r"on the new (?:system|platform|software|tool|app)", r"launch(?:ed)?", r"roll ?out", r"cut live"),
    "onboarding": (r"onboard(?:ing|ed)?",),
    "upgrade": (r"upgrade[d]?",),
    "installation": (r"install(?:ation|ed)?", r"deliver(?:y|ed)", r"hardware (?:arrives|ships)",
                     r"shipped", r"shipping", r"freight(?: ships| goes out| leaves| arrives)?"),
    "submission": (r"submi(?:ssion|tted|t)", r"fil(?:e|ed|ing) (?:it|the|your|our)\b"),
    # other kinds of sale: the site visit, permit, inspection, the application
    "site survey": (r"(?:site|home|roof|land|property|the|a|your|our|his|her|their) survey(?! window)", r"(?:site|home|house|in-home) visit", r"measure[- ]?up",
                    r"(?<=the )measure\b(?! of)"),
    # the last look before handover, not the first visit: "the final walk-through Monday the 23rd"
    "walk-through": (r"walk-?through", r"(?:(?<=the )|(?<=first )|(?<=final )|(?<=second )|(?<=last ))walk through"),
    "permit": (r"permits?(?: application)?",),
    # a medical check before the outcome (checklist): "the 9th for the medical", "your physical exam"
    "medical": (r"(?:(?<=the )|(?<=your )|(?<=a ))medical(?: exam(?:ination)?| check(?:-?up)?| appointment)?\b(?! (?:forms?|records?|history|leave|bills?))",
                r"(?:medical|physical) exam(?:ination)?"),
    # the trade's own work: "the repair needs to be done by may eleventh"
    "repair": (r"(?:(?<=the )|(?<=our )|(?<=a ))repairs?(?! (?:shop|bill|costs?|quotes?|estimates?|guys?))",),
    "inspection": (r"inspection",),
    # a home sale and a move: "the appraiser coming April 11th", "moved in by the 24th"
    "appraisal": (r"apprais(?:al|er|ers)\b",),
    "move-in": (r"mov(?:e|ed|es|ing)[- ]ins?\b",),
    "clear-out sale": (r"(?:estate|garage|yard|moving) sale",),
    # steps of other trades: mortgage and insurance, building, hiring, dental, plant start-up
    "underwriting": (r"underwriting",),
    "rough-in": (r"rough[- ]?in",),
    "screening": (r"background (?:check|screen)s?", r"drug (?:screen|test)s?"),
    "commissioning": (r"commissioning",),
    # enrolment and payment (checklist: "enrolment or payment", "an application round")
    "application": (r"application(?: deadline| round)?(?! (?:is|will be|goes|went) live)",
                    r"apply(?:ing)? by", r"enrol(?:l)?ment form", r"registration"),
    # a form the buyer gets back from someone: "the physician's form back from Dr. Hensley's office"
    "forms": (r"(?:medical|physician'?s?|doctor'?s?|health|intake|consent|school) forms?",),
    # a purchase's loan: "the financing has to be wrapped up with ashley by this friday"
    "financing": (r"financing(?! (?:rates?|promos?|options?|plans?|offers?|terms?|specials?|deals?))", r"loan (?:approval|docs|documents|application|paperwork)"),
    "payment": (r"deposit", r"(?:first|final|down|balance) payment", r"tuition", r"balance (?:is )?due"),
    # appointments on a consumer path: "the fitting on the 11th", "your two-week check on the 25th"
    # (named with "the/your/a …": "thanks for fitting this in" and "assessment day" are none)
    "appointment": (r"(?<=the |our |his |her )fitting", r"(?<=your )fitting", r"(?<=a )fitting",
                    r"(?:first|second|third|final|last|next|gown|dress|suit|tux|tuxedo|uniform) fitting",
                    r"fitting(?= on (?:the |a |\w+day\b))",  # "so fitting on the fourteenth, shoot on the twenty-first"
                    r"fine[- ]tuning(?: visit| appointment)?", r"check[- ]?up",
                    # "your second check-in would be Saturday May 9th"
                    r"(?:first|second|third|final|last|next) check[- ]?in\b",
                    r"(?:(?<=the )|(?<=your )|(?<=our ))check[- ]?in\b(?! (?:time|desk|counter|call))",
                    r"(?:\w+[- ])?(?:week|month|day) check", r"(?<=the |our |his |her )(?:assessment|consultation|evaluation)(?! days?\b)",
                    r"(?<=your )(?:assessment|consultation|evaluation)(?! days?\b)",
                    r"(?<=an )(?:assessment|evaluation)(?! days?\b)", r"(?<=a )consultation(?! days?\b)",
                    r"(?<='s )(?:home |in-home |initial )?(?:assessment|consultation|evaluation|fitting)(?! days?\b)",
                    r"(?<=home )(?:assessment|consultation|evaluation)(?! days?\b)",
                    # "the last appointment, where they come off, I'm saying June 6th"
                    r"(?<!that )(?<!this )(?:first|second|third|final|last|next) (?:appointment|visit|session)\b",
                    r"meet[- ]and[- ]greet", r"measure(?:ment)? appointment", r"placement test",
                    # a check before the treatment or the exam: "a patch test on tuesday the seventeenth"
                    r"(?<!after the )(?<!before the )(?:patch|allergy|blood|hearing|eye|vision|road|driving) tests?\b",
                    r"(?:assessment|evaluation|consultation) visit"),
}

# steps that can also be the finish line itself ("live by April 1", "the inspection on May 12"):
# on the target's date they are the target, elsewhere a milestone
OUTCOME_STEPS = frozenset({"go-live", "inspection", "move-in"})
# steps named by their own words, not by the group's name
OPEN_STEPS = frozenset({"appointment"})

# words that mark the buyer's outcome (the finish line), not an implementation step
DEFAULT_OUTCOME = (
    r"ramps?(?: up)?", r"board(?: review| meeting)?", r"audit", r"peak(?: season)?", r"season",
    r"holiday rush", r"term (?:starts?|begins?|ends?)", r"semester", r"school year",
    r"fiscal year", r"cohort", r"sale", r"grand opening", r"opening", r"grant report",
    r"deadline", r"results?", r"saving(?:s)? target", r"savings?", r"first patient(?: in)?",
    r"inspection", r"renewal date", r"overage", r"staff up", r"enrollment", r"open house",
    r"launch event", r"the date that matters", r"finish line", r"report(?:ing)? (?:savings|results)",
    r"in place", r"up and running", r"running", r"ready", r"live", r"breaks? ground",
    r"(?:starts?|begins?|opens?|kicks? in|hits?|lands?)", r"enrollment", r"go[- ]?live",
    r"ships?", r"shipping", r"due", r"arrives?", r"start(?:s|ing)", r"takes? effect",
    r"goes? into effect", r"begin(?:s|ning)", r"volume", r"launch(?:es)?", r"renew(?:s|al)",
    r"move[- ]ins?", r"first (?!(?:fitting|session|lesson|appointment|visit|check[- ]?in|payment|test|draft|review|round|meeting|scan|consult\w*|class|walk\w*|coat|proof|tune[- ]?up|drill|practice)s?\b)[a-z]+(?:[- ][a-z]+)?", r"re-?opening", r"drops?", r"releases?",
    r"debuts?", r"unveil\w*", r"cut[- ]?off", r"go[- ]no[- ]go",
    r"festival", r"gala", r"fair", r"expo", r"inaugural", r"maiden (?:flight|voyage)", r"premiere", r"tournament", r"regatta", r"event",
    r"conference", r"merger", r"closes", r"close date", r"closing (?:date|day)", r"(?:the|your|our|house|home) closing", r"timetable", r"fieldwork", r"drive",
    r"campaign", r"open(?:ing)? day", r"wing", r"harvest", r"planting", r"summer", r"winter",
    r"busy season", r"go[- ]live date", r"fil(?:e|es|ing)",
    # consumer finish lines (small talk on most business calls: the sentence must get past that
    # filter first, by the head's reading or a business word beside it)
    r"wedding", r"(?:get(?:ting)?|gets) married", r"graduation", r"graduat(?:es?|ing)", r"moving day", r"handover", r"hand (?:the )?keys? over",
    r"big day", r"ceremony",
    # a term that runs out: "her lease at the Willows is up October 31st", "my policy lapses"
    r"(?:lease|visa|permit|contract|coverage|policy)\b[^.?!,]{0,25}\b(?:is up|runs? out|ends?|expires?|lapses?)",
    r"runs? out", r"expires?", r"lapses?",
    # someone coming home: "they're saying she'll be home on the 10th of april", "discharged"
    r"(?:be|comes?|coming|gets?|getting|is|'s|are|'re) (?:back )?home", r"discharged?",
)
# phrases that point at a date as the thing the plan protects
# said after a date: "May 18 is the date that matters"
DEFAULT_TARGET_TAILS = (
    r"(?:is|as) (?:the|our|your) (?:date that matters|finish line|deadline|hard date|fixed date)",
    r"(?:date )?doesn'?t move", r"is (?:the )?non-negotiable", r"no matter what",
    # "October 15th — that's locked, our CEO announced it"
    r"[—–-]?\s*(?:that'?s|it'?s|that is|it is) (?:locked(?: in)?|set in stone|fixed|final|firm|non-negotiable)\b",
    # "…runs out august fifteenth so working back we'd want the letters in by may fifteenth"
    r"(?:so|and) (?:if we |let'?s )?(?:work|count|walk)(?:ing)? (?:it |this )?back(?:ward|wards)?\b",
    r"(?:is |as )?(?:the|that'?s the) date (?:we'?re|you'?re|we are|you are) protecting",
    # "your inaugural Newark to Lisbon is June second, so everything points at that date"
    r"(?:so |and )?everything (?:points at|points to|hangs on|works back from|is built around|runs back from) "
    r"(?:that|this|the) (?:date|day)",
    # "So if June 15 is the day, let's work back from it."
    r"(?:is|'s) (?:the|our|your) (?:day|date)\b[^.?!]{0,30}\b(?:work|count|plan|map|walk)\w* (?:it |this |that )?back",
)
# said after a date that is NOT the target: "go live Oct 19, two weeks before enrollment"
DEFAULT_BEFORE_SOMETHING = (r"(?:\w+ ){0,3}before (?:the |your |our )?\w+",)
DEFAULT_DEPLOYMENT = (r"go(?:es|ing)?[- ]?live", r"live", r"launch(?:ed)?", r"running", r"ready",
                      r"in place", r"up and running")
DEFAULT_TARGET_LEADS = (
    r"(?:work|walk|count|map|plan)(?:ing|ed)? (?:it |this |that |everything )?back(?:ward|wards)? from",
    r"to protect", r"to (?:keep|hold) (?:\w+ ){0,2}(?:safe|on track)",
    r"to hit", r"to make", r"to be (?:live|ready|running|up and running)(?: by| on| before)?",
    r"to have (?:\w+ ){0,4}(?:live|ready|running|in place)(?: by| on| before)?",
    r"(?:need|want)s? (?:\w+ ){0,4}(?:live|ready|running|in place|done)(?: by| on| before)",
    r"before", r"date that matters", r"finish line", r"deadline",
    r"(?:have|has|need|needs|must) to be (?:\w+ ){0,5}(?:by|before|on)",
    # "So the goal is everything's up and looking good for Thanksgiving, November 26th."
    r"(?:goal|aim|whole point|target) is\b", r"(?:looking good|all set|good to go|up and ready) (?:for|by|before)",
)
DEFAULT_SMALL_TALK = (
    r"birthday", r"parade", r"vacation", r"wedding", r"flight", r"game",
    r"anniversary", r"holiday party", r"trip", r"concert", r"regional", r"tournament",
    r"ski(?:ing)?", r"reunion", r"graduation", r"recital", r"marathon", r"dinner", r"lunch",
    r"barbecue", r"bbq", r"out of (?:the )?office", r"\bpto\b", r"day off", r"webinar",
    r"communion", r"baptism", r"christening", r"b[ao]t mitzvah", r"daycare", r"preschool",
    r"visit", r"offsite", r"drill", r"picnic", r"party",
    # someone's availability: "she's at a festival in Portland until the 14th"
    r"(?:out|away|off|gone|travel(?:l)?ing|on leave|on vacation|on holiday)(?: of (?:the )?office)? until",
    r"(?:she|he|they)(?:'s| is|'re| are) (?:at|in|away|out|off|traveling|travelling)\b(?=.{0,60}\buntil\b)",
    r"back (?:in|on|from) (?:the )?office", r"i'?m (?:in|out|away|off|traveling|travelling|flying)\b",
    r"out of town", r"kid", r"daughter", r"(?:little )?league", r"soccer", r"baseball", r"softball",
    r"hockey", r"swim meet",
    r"son\b", r"school'?s out", r"(?:eagle |cub )?scouts?",
    # a round birthday: "we're planning my mom's eightieth"
    r"(?<='s )(?:\w+ )?(?:thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth|[2-9]0th)",
)
# dates that belong to the seller's calendar, never to a buyer's path, whatever words come near:
# closures and days off ("the office is closed monday", "i'm off friday", "I'm here Monday
# through Thursday"), internal days ("the 12th we have team training") and events the buyer
# is invited to ("a job fair on Saturday", "the spring home show", "the kickoff class")
DEFAULT_UNAVAILABLE = (
    # either side away: "we're away for February break, the fourteenth through the twenty-second"
    r"(?:we'?re|i'?m|we are|i am|we'?ll be|i'?ll be|we will be|i will be) (?:\w+ )?(?:away|out of town|on vacation|travell?ing) (?:for|from|over|on|the|until|till|all|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b",  # "we're away april third through the sixth"
    r"(?:is|are|'re|'s|be|been|were|was) (?:\w+ )?closed", r"(?:we|they|it|i|you)'(?:re|s|m) (?:\w+ )?closed",
    # "full disclosure i'm gonna be out the twenty second through the twenty fifth"
    r"(?:i'?m|we'?re|i am|we are) (?:gonna be|going to be) out (?:the|from|on|until|till|all|for)\b",
    r"(?:i'?ll|we'?ll|i will|we will) be out (?:the|from|on|until|till|all|for)\b",
    r"closed (?:on |for |all )?(?:this |next )?"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", r"i'?m (?:also )?off\b", r"we'?re (?:also )?off\b",
    r"i'?m (?:here|in|around|on) (?:mon|tues|wednes|thurs|fri|satur|sun)days? (?:through|to|thru)",
    r"we (?:have|'ve got|got) (?:a |our )?(?:team|staff|company|internal) (?:training|meeting|offsite)",
    r"our (?:staff |team )?training day",
    # the seller's own events (a buyer's trade show or open house can be the finish line)
    r"(?:we'?re|we are|we'?ll be|we will be|we) (?:also )?(?:running|having|hosting|holding|doing|throwing|"
    r"run|have|host|hold|throw) (?:a|an|our|the|this)\b[^.?!]{0,40}\b(?:fair|show|expo|master ?class|"
    r"open house|workshop|seminar|webinar|class)\b",
    r"(?:we'?re|we are|we'?ll be|we will be) (?:\w+ )?at the\b[^.?!]{0,40}\b(?:show|expo|fair)\b",
    r"master ?class", r"(?:free|intro|introductory) (?:workshop|class|seminar|webinar)",
    r"kick ?off (?:class|party|event)",
)
DEFAULT_CORRECTION = (
    r"actually", r"no,", r"not quite", r"make it", r"more like", r"moved", r"pushed", r"it's",
    r"it is", r"it's now", r"changed", r"correction", r"slipped", r"we need it by",
)
DEFAULT_CONFIRMATION = (
    r"yes", r"yeah", r"yep", r"correct", r"right", r"exactly", r"that's (?:it|right|the date|correct)",
    r"absolutely", r"definitely", r"that's what", r"true", r"agreed",
)
DEFAULT_OWNER_CUES = (
    r"owns?", r"owner", r"you'?d own", r"will own", r"is on", r"'s on", r"handles?", r"will handle",
    r"leads?", r"will lead", r"responsible", r"assigned", r"take(?:s)?", r"drives?", r"runs?",
    r"put you down", r"your name", r"is yours", r"'s mine", r"is mine", r"on point", r"point person",
    r"(?<!what )does (?:the|your|our|his|her|their)",
    # a plan read out by name: "Karen, you on the application", "Priya on the permit, Marco on
    # site access"; "she's handling the invitations"
    r"(?:^|(?<=[,—;:…] ))\w+,? (?:you )?on (?:the|your|our|site|all)\b", r"handling", r"taking care of", r"in charge of",
)
NOT_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "mondays", "tuesdays",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "i", "we", "you", "ok", "okay", "so", "and", "the", "yes", "it",
    # "due two weeks before, so Saturday, October 3rd": the time between names no step
    "week", "weeks", "day", "days", "month", "months",
}


@dataclass(frozen=True)
class PathParams:
    steps: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_STEPS))
    outcome: tuple[str, ...] = DEFAULT_OUTCOME
    target_leads: tuple[str, ...] = DEFAULT_TARGET_LEADS
    small_talk: tuple[str, ...] = DEFAULT_SMALL_TALK
    unavailable: tuple[str, ...] = DEFAULT_UNAVAILABLE
    correction: tuple[str, ...] = DEFAULT_CORRECTION
    confirmation: tuple[str, ...] = DEFAULT_CONFIRMATION
    owner_cues: tuple[str, ...] = DEFAULT_OWNER_CUES
    target_tails: tuple[str, ...] = DEFAULT_TARGET_TAILS
    before_something: tuple[str, ...] = DEFAULT_BEFORE_SOMETHING
    deployment: tuple[str, ...] = DEFAULT_DEPLOYMENT
    max_pair_gap: int = 60  # characters between a step and its date
    # time frames that date an ask or a seller deadline, not a step on the path
    # seller-side deadlines and prices are never steps on the buyer's path
    not_steps: tuple[str, ...] = (r"pric(?:e|es|ing)", r"discount", r"offer", r"deal", r"promo\w*", r"early[- ]?bird",
                                  r"quarter", r"slots?", r"rate", r"invoice", r"renewal price")
    # ultimatums restate the ask; their dates are no steps on the path
    not_path: tuple[str, ...] = (r"gone for good", r"now or never", r"yes[- ]or[- ]no", r"walk away",
                                 r"if (?:we|you) (?:can'?t|cannot|don'?t|do not) (?:get it )?sign",
                                 r"if it'?s not signed", r"take it or leave it",
                                 # thanks for what already happened: "Thanks again for coming out Saturday"
                                 r"(?:thanks|thank you)(?: again| so much)? for (?:coming|stopping|meeting|having|"
                                 r"showing|taking|walking|joining|the)\b")
    # a buyer agreeing to a seller's date ("May 8th is fine") does not name the finish line
    agreement: tuple[str, ...] = (r"(?:is|are|sounds?|looks?) (?:fine|good|ok|okay|doable|great|workable)",
                                  r"works(?: for (?:me|us))?", r"that'?s fine", r"no problem",
                                  # picking one of the seller's options: "The fifteenth would be better"
                                  r"would (?:be|work) (?:better|best)", r"works better")
    not_targets: tuple[str, ...] = (r"thanksgiving", r"christmas(?: eve)?", r"new year'?s(?: day| eve)?",
                                    r"(?:the )?fourth of july", r"independence day", r"memorial day",
                                    r"labor day", r"easter", r"halloween")
    not_milestone_dates: tuple[str, ...] = (r"today", r"tonight", r"now", r"this week",
                                            r"this (?:afternoon|morning|evening)", r"end of (?:the )?day",
                                            r"tomorrow",
                                            r"q[1-4]", r"(?:this|the|our) quarter", r"fiscal")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use (importing spaCy takes a second)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# "say you started tomorrow", "let's assume…": a hypothetical plans nothing and names no finish line
HYPOTHETICAL = re.compile(r"(?:so |and |but |okay |um |uh )*(?:let'?s say|say|suppose|supposing|assume|"
                          r"let'?s assume|assuming|imagine|hypothetically|in theory)\b")
# the same aside mid-sentence ("…because people ask, say just as an example you came on board
# on the 22nd"), and the sentence after it that goes on in the conditional ("so you'd only pay…")
_HYPOTHETICAL_ASIDE = re.compile(r"\b(?:for example|for instance|as an example|hypothetically|just to illustrate|"
                                 r"in theory|making up a date|made[- ]up date|just an example|"
                                 # the counterfactual: "proofs would've been due September 4th"
                                 r"(?:would|could|might)(?:'ve| have) (?:been|had|started|gone|done|needed)|"
                                 r"(?:in|for) (?:this|the|a|our) (?:demo|sample|example|dummy|test) "
                                 r"(?:project|account|plan|schedule))\b|"
                                 r"(?:^|, |\blike |\bso |\bjust |\bum |\buh )(?:just )?(?:let'?s )?say "
                                 r"(?:you|we|it|they|the|that|a|your)\b|"
                                 # "so if someone joined partway say you started on tuesday the tenth"
                                 r"\bsay (?:you|someone|somebody|he|she|they) (?:start|started|join|joined|came|come|"
                                 r"began|begin|sign|signed|book|booked|enrol(?:l)?(?:ed)?|move[sd]?|moving|bought|buy|order(?:ed)?|signs)\b")
_GOES_ON = re.compile(r"(?:so |and |then |um |uh )*(?:you'?d|you would|it'?d|it would|we'?d|we would|"
                      r"that'?d|that would|they'?d|they would)\b")


def _states_hypothetical(sent) -> bool:
    return bool(HYPOTHETICAL.match(sent.lower.lstrip(" ,.-—")) or _HYPOTHETICAL_ASIDE.search(sent.lower))


def hypothetical(view, sent) -> bool:
    """The sentence plans nothing: it supposes, or goes on in the conditional from a sentence that
    supposed."""
    if _states_hypothetical(sent):
        return True
    prev = view.beside(sent, -1)
    return prev is not None and bool(_GOES_ON.match(sent.lower.lstrip(" ,.-—"))) and _states_hypothetical(prev)
