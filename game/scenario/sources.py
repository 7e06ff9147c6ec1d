# ruff: noqa: E501 - the source key keeps each title on one line, as the chronology does
"""Where a fact may come from: a chronology source id (S1…S60) or a seed document.

The ids are those of ``shared/history/CHRONOLOGY.md``; the seed file names are
the two documents the game was commissioned from.
"""

from __future__ import annotations

import re

SEED_FILES = ("000_54ffb5483dc5e994.txt", "003_b4264a1aa56388c1.txt")
CHRONOLOGY_IDS = frozenset(f"S{n}" for n in range(1, 61))
# Documents the chronology names in its notes without giving them an id, cited by these names.
NAMED = {
    "UPI 1962-10-23": "UPI wire story from Moscow, 23 October 1962: the Soviet government's statement on the alert "
    "(named in the chronology's notes on seed 000)",
    "CIA OCI 1962-10-23": "CIA Office of Current Intelligence memorandum of 23 October 1962 on the Soviet alert "
    "(named in the chronology's notes on seed 000)",
}
# Not a source: marks an order or incident the game allows that did not happen in 1962.
COUNTERFACTUAL = "counterfactual"

# The chronology's source key (shared/history/CHRONOLOGY.md), id -> (what the source is, where to find it):
# the line a student can look up. Kept in step with the chronology by tests/test_sources_dates.py.
TITLES: dict[str, tuple[str, str]] = {
    "S1": (
        "FRUS 1961–63 v.XI doc 59, editorial note on U Thant's 24–25 Oct appeals",
        "https://history.state.gov/historicaldocuments/frus1961-63v11/d59",
    ),
    "S2": (
        "FRUS v.XI doc 85 (Scali–Fomin second meeting, 19:45 on 26 Oct)",
        "https://history.state.gov/historicaldocuments/frus1961-63v11/d85",
    ),
    "S3": (
        'FRUS v.VI doc 62, Kennedy to Khrushchev 23 Oct: quarantine effective "1400 hours Greenwich time October twenty-four", OAS vote "this afternoon"',
        "https://history.state.gov/historicaldocuments/frus1961-63v06/d62",
    ),
    "S4": (
        'FRUS v.X–XII microfiche suppl. doc 641, CIA memo on SAM sites: "all 24 Soviet SAM sites became operational" by mid-Oct 1962',
        "https://history.state.gov/historicaldocuments/frus1961-63v10-12mSupp/d641",
    ),
    "S5": (
        'FRUS suppl. doc 592, McCone to congressional leaders, 8–9 Jan 1963: Soviets withdrew "42 strategic missiles and 42 jet bombers"',
        "https://history.state.gov/historicaldocuments/frus1961-63v10-12mSupp/d592",
    ),
    "S6": (
        "FRUS suppl. doc 475, USUN tel. 1585 (c. 1 Nov) on U Thant's Havana visit",
        "https://history.state.gov/historicaldocuments/frus1961-63v10-12mSupp/d475",
    ),
    "S7": (
        "FRUS suppl. doc 383, USUN tel. 1458: U Thant's second message, asking US ships to avoid confrontation",
        "https://history.state.gov./historicaldocuments/frus1961-63v10-12mSupp/d383",
    ),
    "S8": (
        "JFK Library microsite, ExComm minutes, 23 Oct 10:00",
        "http://microsites.jfklibrary.org/cmc/oct23/doc2.html",
    ),
    "S9": (
        "JFK Library microsite, RFK memo on his 23 Oct evening meeting with Dobrynin",
        "https://microsites.jfklibrary.org/cmc/oct23/doc1.html",
    ),
    "S10": (
        "JFK Library, press conference 20 Nov 1962 (audio record)",
        "https://www.jfklibrary.org/Asset-Viewer/Archives/JFKWHA-144.aspx",
    ),
    "S11": (
        'PBS American Experience, Khrushchev message of 28 Oct: "Moscow domestic service … 1404 GMT on 28 October"',
        "https://staging.pbs.org/wgbh/americanexperience/features/jfk-missiles",
    ),
    "S12": (
        'National Archives "Eyewitness": JFK\'s dictated recollection of 18 Oct; options listed as "invasion, air strikes, a blockade, or diplomacy"',
        "https://www.archives.gov/exhibits/eyewitness/assets/html/26.intro.html",
    ),
    "S13": (
        'NSA, J. Hershberg, "Anatomy of a Controversy: Dobrynin\'s meeting with RFK, 27 Oct 1962"',
        "https://nsarchive2.gwu.edu/nsa/cuba_mis_cri/moment.htm",
    ),
    "S14": (
        'NSA events page: "Last Nuclear Weapons Left Cuba in December 1962" (Arkhangelsk sailed from Mariel at 09:00 on 1 Dec) and "Mikoyan\'s Mission Impossible" (US forces still on DEFCON 2 after the "13 days")',
        "https://nsarchive.gwu.edu/events/cuban-missile-crisis-1962?page=2",
    ),
    "S15": (
        'NSA, "The Jupiter Missiles and the Endgame" (2023): Pot Pie I (Italy) and Pot Pie II (Turkey), April 1963',
        "https://nsarchive.gwu.edu/briefing-book/cuban-missile-crisis-nuclear-vault/2023-04-20/jupiter-missiles-and-cuban-missile",
    ),
    "S16": (
        "Wilson Center Digital Archive, Dobrynin cable of 27 Oct on the RFK meeting",
        "https://digitalarchive.wilsoncenter.org/document/cable-ambassador-dobrynin-soviet-foreign-ministry-meeting-robert-kennedy",
    ),
    "S17": (
        "CWIHP Bulletin via NSA: Dobrynin telegram of 30 Oct (RFK hands back Khrushchev's letter and refuses any written form of the Turkey understanding)",
        "https://nsarchive.gwu.edu./media/29365/ocr",
    ),
    "S18": (
        'CIA reading room, FBIS text "Khrushchev message to Kennedy, Moscow domestic service 1400 27 Oct 62"',
        "https://www.cia.gov/readingroom/document/cia-rdp80b01676r001700140010-0",
    ),
    "S19": (
        'US Navy NHHC, CNO Report on the Naval Quarantine of Cuba, "Abeyance and Negotiation, 31 Oct–13 Nov" (the "500-mile line")',
        "https://www.history.navy.mil/research/library/online-reading-room/title-list-alphabetically/c/cuban-missile-crisis/abeyance-and-negotiation.html",
    ),
    "S20": (
        'Wikipedia "Cuban Missile Crisis", via mirrors',
        "https://en.wikipedia-on-ipfs.org/wiki/Cuban_Missile_Crisis",
    ),
    "S21": (
        'Simple Wikipedia "Rudolf Anderson" (U-2F 56-6676, McCoy AFB, S-75 near Banes, CIA assessment of 0200 on 28 Oct)',
        "https://simple.m.wikipedia.org/wiki/Rudolf_Anderson",
    ),
    "S22": ('Wikipedia-derived summary "Soviet submarine B-59"', "https://wikisum.wiki/wiki/Soviet_submarine_B-59"),
    "S23": (
        'FAS, Kristensen & Norris, "Cuban Missile Crisis: Nuclear Order of Battle": 158 warheads of five types in Cuba',
        "https://fas.org/publication/cubanmissilecrisis/",
    ),
    "S24": (
        "S. Savranskaya (Foreign Policy/NSA), quoted: 80 FKR warheads, 12 Luna, 6 IL-28 bombs",
        "https://minorthoughts.com/politics/cuba-almost-became-a-nuclear-power-in-1962",
    ),
    "S25": (
        "M. Dobbs, One Minute to Midnight (excerpts): warhead shipments",
        "https://booksonline.com.ua/view.php?book=158199&page=17",
    ),
    "S26": (
        'LA Times, 30 Jan 1989 (Moscow conference): McNamara\'s "around 10,000" estimate against actual ">40,000" Soviet troops and 270,000 armed Cubans',
        "https://www.latimes.com/archives/la-xpm-1989-01-30-mn-957-story.html",
    ),
    "S27": (
        "L. Freedman, Kennedy's Wars (repost): invasion planning figures and troop estimates",
        "https://weaponsandwarfare.com/2018/10/13/cuba-invasion/",
    ),
    "S28": (
        "Russian MoD materials as reported by RT/TellerReport (42,000 troops) and ww2facts (40 launchers: 24 R-12 + 16 R-14)",
        "https://www.tellerreport.com/tech/2022-05-21-…",
    ),
    "S29": (
        'CFR "TWE Remembers" blog: Gromyko meeting at 17:00 on 18 Oct; Scali–Fomin lunch on 26 Oct',
        "https://www.cfr.org/blog/twe-remembers-andrei-gromyko-lies-john-kennedy-cuban-missile-crisis-day-three",
    ),
    "S30": (
        'R.F. Kennedy, Thirteen Days excerpt: phoned Dobrynin "about 7:15 P.M.", met "at 7:45" on 27 Oct',
        "https://docslib.org/robert-kennedy-excerpt-from-thirteen-days",
    ),
    "S31": (
        "Castro to Khrushchev, dated 26 Oct: Bedford/Macmillan reader http://digfir-published.macmillanusa.com/bdcus/bdcus_ch19_6.html ; Cuba-L translation http://www.walterlippmann.com/fc-10-26-1962.html",
        "http://digfir-published.macmillanusa.com/bdcus/bdcus_ch19_6.html",
    ),
    "S32": (
        "Kennedy to Khrushchev, 27 Oct: Macmillan reader https://digfir-published.macmillanusa.com/bdcus/bdcus_ch19_8.html ; Evening Star, 28 Oct 1962 (LOC) https://chroniclingamerica.loc.gov/lccn/sn83045462/1962-10-28/ed-1/seq-11/ocr/",
        "https://digfir-published.macmillanusa.com/bdcus/bdcus_ch19_8.html",
    ),
    "S33": (
        'The Guardian archive, 29 Oct 1962 ("statesmanlike move"; Castro\'s conditions)',
        "https://www.theguardian.com/theguardian/1962/oct/29/fromthearchive",
    ),
    "S34": (
        'Castro, "Five Points", Havana 28 Oct (Ocean Press reader)',
        "https://trantor.is/content/XzSqDI0u-CCs4Kdj/Chapter007.html",
    ),
    "S35": ('W. Dorn, "Unsung Mediator: U Thant and the Cuban Missile Crisis"', "http://walterdorn.org/pub/154"),
    "S36": (
        'Statutes at Large v.77 p.959 (Wikisource): Proclamation 3504 signed "7:06 p.m., October 23rd 1962"',
        "https://en.wikisource.org/wiki/Page:United_States_Statutes_at_Large_Volume_77.djvu/991",
    ),
    "S37": (
        "globalsecurity.org: 30 Jupiters in Italy, 15 at Çiğli, Turkey",
        "https://www.globalsecurity.org/wmd/world/turkey/nuke-1.htm",
    ),
    "S38": (
        "The Atlantic 2017 (B-59)",
        "https://www.theatlantic.com/international/archive/2017/10/when-the-world-lucked-out-of-nuclear-war/544198/",
    ),
    "S39": (
        'Anchorage Daily News 2017 (Maultsby took off "just after midnight on Oct. 27" from Eielson; Project Star Dust)',
        "https://adn.com/alaska-life/we-alaskans/2017/06/09/when-off-course-u-2-spy-plane-out-of-alaska-nearly-triggered-war",
    ),
    "S40": (
        'worldhistoryproject.org (Wikipedia-derived): Anderson shot down "approximately 12:00"; RF-8s fired on at 15:41; ExComm at 16:00; Radio Moscow 09:00',
        "https://worldhistoryproject.org/1962/10/27/rudolf-anderson-jr-usaf-pilot-is-shot-down-over-banes-cuba",
    ),
    "S41": (
        'E. Schlosser, Command and Control (excerpt): DEFCON 3 at the speech; SAC at DEFCON 2 on 24 Oct "for the first time in its history", Power\'s unencrypted message',
        "https://hello.chitka.online/b/command-and-control/p/144",
    ),
    "S42": (
        "Textbook page (identification uncertain): Ormsby-Gore suggested a 500-mile line instead of 800",
        "https://issuhub.com/view/index/3812?pageIndex=584",
    ),
    "S43": (
        "R. Dallek, An Unfinished Life (excerpt): the 14 Oct flight took 928 photographs and showed 21 crated IL-28s; Bundy briefed JFK at 08:45 on 16 Oct",
        "https://topnovel.cc/chapter/an-unfinished-life-15795/chapter-16-16",
    ),
    "S44": (
        "Avalon/Yale: ExComm 13th meeting, 30 Oct (no reconnaissance during U Thant's visit; McNamara grounds U-2s until a safeguard against navigational errors exists)",
        "http://avalon.law.yale.edu/20th_century/msc_cuba114.asp",
    ),
    "S45": (
        "A. George, chapter on the quarantine: ~150 ships, 250 aircraft and ~30,000 men; Marucla boarding",
        "https://uat.taylorfrancis.com/chapters/mono/10.4324/9780203081495-12/dark-alice-george",
    ),
    "S46": (
        "Miami Herald 2012: Mikoyan–Castro meeting of 22 Nov on the tactical nuclear weapons",
        "https://www.miamiherald.com/latest-news/article1943643.html",
    ),
    "S47": (
        'S. Montefiore, The World (excerpt): RFK to Dobrynin, "4–5 months", "can\'t say anything public"',
        "https://private.bibliboba.com/books/the-world/p/635",
    ),
    "S48": (
        "Leatherneck: more than 35,000 Marines deployed",
        "https://www.mca-marines.org/leatherneck/u-s-marines-cuba-and-the-invasion-that-never-was-part-1/",
    ),
    "S49": (
        "october1962.com: 26 Oct letter delivered to the US Embassy at 16:43 Moscow (09:43 Washington); transmission 18:00–21:00",
        "http://www.october1962.com/26oct.html",
    ),
    "S50": (
        'Khrushchev\'s 28 Oct message as reprinted on wjcash.org ("not only on the part of the United States, but also on the part of other nations of the Western Hemisphere, as you said in your same message")',
        "https://wjcash.org/WJCash9/Charlotte.News.Articles/10-28-37.htm",
    ),
    "S51": (
        "Khrushchev to Castro, 28 Oct",
        "http://www.fidelcastro.cu/en/correspondencia/nikita-khrushchev-fidel-castro-october-28-1962",
    ),
    "S52": (
        "realtime1960s.com (NYT-style day summaries): 24 Oct U Thant appeal; 1 Nov Castro rejects inspection; 2 Nov JFK report; 19 Nov Castro letter on IL-28s; 20 Nov quarantine lifted; 3 Dec IL-28s shipping out",
        "",
    ),
    "S53": (
        "JFK+50 blog and CFR: OAS vote 19–0; Proclamation signed at 19:00; RFK–Dobrynin at 21:30 on 23 Oct; Gromyko 17:00–19:00; Stevenson–Zorin exchange",
        "http://jfk50.blogspot.com/…",
    ),
    "S54": (
        "UN Press Release SG/1353, U Thant statement to the Security Council, 24 Oct",
        "https://docslib.org/doc/9242492/cuba-un-press-releases",
    ),
    "S55": (
        "retronewser (press conference 18:00 EST on 20 Nov; quarantine ended 18:45 EST); kuba1962.com (Gilpatric on 11 Nov: 42 missiles shipped out); dextergoad.com (USS Newport News inspects Labinsk, 9 Nov)",
        "",
    ),
    "S56": (
        'Time, "United Nations: Until Hell Freezes Over"',
        "https://time.com/archive/6812316/united-nations-until-hell-freezes-over",
    ),
    "S57": (
        'Alpha History, CIA memo of 16 Oct: sites "about 50 nautical miles west-southwest of Havana" in the Sierra del Rosario',
        "https://alphahistory.com/coldwar/first-reports-soviet-ballistic-missiles-cuba-1962/",
    ),
    "S58": (
        'JFK Library Tumblr, "Day 5" (20 Oct: JFK returns from Chicago; the "cold")',
        "https://jfklibrary.tumblr.com/post/33959482484/october-20-1962-day-5-of-the-cuban-missile",
    ),
    "S59": (
        'Foreign Policy "September 1962 in focus" slideshow (R-12 ship loads: Orenburg 7, Kimovsk 8, Krasnograd 6)',
        "http://www.foreignpolicy.com/articles/2012/09/06/september_1962_in_focus_an_fp_slide_show?page=0,7",
    ),
    "S60": (
        'Misc. weak sources used only where they agree with others: retronewser.com (16 Oct 11:50; 27 Oct "around noon EDT"); plague-rat.com (21 Oct); cubacenter.org (26 Oct AA order); navalhistorytoday.net (500-mile perimeter, Bucharest/Gearing); jfk14thday.com (29 Oct ExComm); brainscape flashcards (an erroneous timeline: says the line was pulled back to "300 miles" and that ICBMs were found on 17 Oct)',
        "",
    ),
}


def title(source_id: str) -> str:
    """One source as a student can look it up: its id, what it is, and where it is."""
    if source_id in TITLES:
        what, where = TITLES[source_id]
        return f"{source_id}: {what}" + (f" ({where})" if where else "")
    if source_id in NAMED:
        return f"{source_id}: {NAMED[source_id]}"
    if source_id == COUNTERFACTUAL:
        return "a what-if: no such event in the record"
    return source_id


_SPLIT = re.compile(r"\s*[,;]\s*")


def source_problem(source: str) -> str | None:
    """None if every part of ``source`` names a known source, else what is wrong."""
    for part in _SPLIT.split(source.strip()):
        if not part:
            return "an empty entry in the list of sources (a stray comma?)"
        if part not in CHRONOLOGY_IDS and part not in SEED_FILES and part not in NAMED and part != COUNTERFACTUAL:
            return f"unknown source '{part}' (use chronology ids S1-S60, a seed file name or 'counterfactual')"
    return None


def source_ids(source: str) -> list[str]:
    return [p for p in _SPLIT.split(source.strip()) if p]
