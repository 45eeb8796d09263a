/// The words that tell a person's name from the names of things.
///
/// All entries are lower-case and compared with a token lower-cased and stripped of
/// trailing punctuation. The lists are deliberately short and multilingual: they
/// carry the *structure* of names (titles, particles, organisation suffixes), not a
/// census of given names.
enum NameLexicon {
    /// Honorifics and forms of address that precede a person's name.
    static let titles: Set<String> = [
        "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "lady", "lord", "rev", "fr",
        "herr", "frau", "dipl", "ing", "mag", "lic", "dott", "dott.ssa", "dottssa", "sig", "sig.ra", "sigra", "sig.na",
        "avv", "m", "mme", "mlle", "me", "sr", "sra", "srta", "don", "doña", "dña", "pan", "pani", "mgr", "inż",
        "dhr", "mevr", "mw", "тов", "г-н", "г-жа", "господин", "госпожа",
    ]

    /// Particles inside names: `von`, `van der`, `de`, `di`, `da Silva`, `bin`, `Al`.
    static let particles: Set<String> = [
        "von", "van", "der", "den", "ten", "ter", "de", "del", "della", "dei", "degli", "di", "da", "das", "dos", "do",
        "du", "des", "la", "le", "lo", "zu", "zur", "y", "bin", "ibn", "bint", "al", "el", "af", "av", "mac", "st",
    ]

    /// Generational and academic suffixes after a name.
    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "dds", "dvm", "msc", "bsc"]

    /// Legal-form and organisation words: a value holding one names an organisation
    /// (`Nestlé SA`, `Helvetic Logistics GmbH`, `Walker, Kim and Simpson`).
    static let organisationMarkers: Set<String> = [
        // legal forms
        "ag", "sa", "ltd", "limited", "gmbh", "mbh", "inc", "incorporated", "plc", "llc", "llp", "lp", "corp", "corporation",
        "co", "company", "cie", "kg", "kgaa", "ohg", "gbr", "eg", "ev", "se", "nv", "bv", "ab", "asa", "as", "oy", "oyj",
        "spa", "s.p.a", "srl", "s.r.l", "sarl", "sàrl", "snc", "sas", "sl", "slne", "s.l.n.e", "slu", "s.l.u", "sll", "scom",
        "s.com", "s.c", "s.a", "s.l", "sp", "spółka", "s.r.o",
        "zoo", "o.o", "sc", "sk", "kft", "zrt", "pte", "pty", "bhd", "ooo", "оoo", "ооо", "зао", "оао", "пао", "ао", "ип",
        "нко", "ук", "гк", "figli", "hnos", "asociados", "associates", "partners", "partnership", "grupa", "fundacja",
        "spółdzielnia", "przedsiębiorstwo", "stichting", "vereniging", "koninklijke",
        // organisation kinds
        "bank", "banque", "banca", "banco", "bancorp", "kantonalbank", "sparkasse", "raiffeisen", "group", "groupe",
        "gruppo", "grupo", "holding", "holdings", "exchange", "exchanges", "börse", "bourse", "borsa", "bolsa", "market",
        "markets", "trust", "fund", "funds", "fonds", "foundation", "fondation", "fondazione", "fundación", "stiftung",
        "pensionskasse", "caisse", "prévoyance", "office", "capital", "investments", "investment", "management", "advisors",
        "advisers", "securities", "insurance", "assurance", "versicherung", "services", "solutions", "systems",
        "technologies", "technology", "logistics", "industries", "industrie", "trading", "consulting", "energy", "motors",
        "pharma", "pharmaceuticals", "media", "clearing", "endowment", "treasury", "confederation", "republic",
        "government", "ministry", "university", "universität", "université", "università", "universidad", "institute",
        "institut", "hospital", "clinic", "klinik", "association", "verein", "genossenschaft", "cooperative", "society",
        "agency", "studio", "labs", "laboratories", "international", "global", "worldwide", "enterprises", "ventures",
        "equity", "govt", "comdty", "index", "etf", "tracker", "certificate", "note", "notes", "bond", "bonds", "shares",
        "family", "and", "und", "et", "e",
    ]

    /// Capitalised common nouns and place words that make a value a thing, a place or
    /// a unit, not a person: product words, sectors, departments, compass prefixes.
    static let thingWords: Set<String> = [
        "north", "south", "east", "west", "lake", "port", "new", "saint", "san", "santa", "fort", "mount", "bad", "upper",
        "lower", "great", "little", "old", "city", "town", "village", "island", "islands", "kingdom", "states", "united",
        "republic", "zealand", "africa", "america", "arabia", "emirates", "coast", "central", "federal",
        "consumer", "staples", "discretionary", "health", "care", "financials", "information", "communication",
        "real", "estate", "utilities", "materials", "industrials", "diversified",
        "human", "resources", "private", "banking", "asset", "wealth", "planning", "trade", "support", "risk", "control",
        "legal", "internal", "audit", "corporate", "finance", "investor", "relations", "operations", "sales", "marketing",
        "research", "development", "compliance", "desk", "team", "department", "division", "unit", "service", "customer",
        "strong", "buy", "hold", "sell", "underweight", "overweight", "neutral", "outperform",
        "chair", "table", "lamp", "shoes", "jacket", "bottle", "backpack", "watch", "keyboard", "sofa", "steel", "wooden",
        "cotton", "leather", "glass", "bamboo", "granite", "plastic", "copper", "wool", "rubber", "metal", "concrete",
        "ergonomic", "rustic", "premium", "classic", "organic", "smart", "compact", "deluxe", "eco", "ultra", "pro",
        "mini", "edition", "series", "model", "pack", "set", "kit", "box", "line", "plus",
        "swiss", "euro", "stoxx", "emerging", "core", "world", "dividend", "leaders", "gold", "silver", "barrier",
        "reverse", "convertible", "on", "of", "the", "for", "in", "at", "to", "with", "by",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "june", "july", "august", "september", "october", "november", "december",
        "street", "road", "avenue", "lane", "square", "park", "station", "airport", "harbour", "harbor", "bridge", "hill",
        "valley", "river", "beach", "bay", "mountain", "forest", "garden", "gardens", "centre", "center", "tower", "hall",
    ]

    /// Frequent given names across the locales the lake's banks serve. A hit raises the
    /// score of a column without a name cue; a miss proves nothing.
    static let givenNames: Set<String> = Set("""
    anna maria marie sarah laura julia lea léa emma sophie sophia elena claire isabelle nathalie nadia barbara \
    christine sandra andrea monika petra ursula ruth esther daniela nicole stefanie katharina johanna lena hanna \
    hannah eva franziska rahel chloé camille manon juliette louise alice margaux amélie zoë zoe chiara giulia \
    francesca sara alessandra valentina federica martina elisa silvia paola lucia carmen ana isabel josefa pilar \
    dolores teresa rosa marta cristina lucía agnieszka katarzyna małgorzata joanna ewa magdalena zofia aleksandra \
    natalia anja sanne lotte fleur femke eline iris emily olivia charlotte jessica rachel rebecca elizabeth jennifer \
    linda susan karen lisa mary patricia helen margaret catherine katherine victoria ingrid astrid kateřina ольга \
    мария анна елена татьяна наталья ирина светлана екатерина юлия hans peter thomas martin daniel michael andreas \
    stefan christian markus marco marc lukas luca david simon jonas felix urs beat reto jürg matthias tobias patrick \
    pierre jean louis nicolas olivier françois philippe laurent julien antoine guillaume alain frédéric giuseppe \
    giovanni francesco antonio alessandro lorenzo matteo andrea roberto paolo stefano luigi josé juan carlos javier \
    manuel francisco miguel pablo jorge luis alejandro sergio piotr krzysztof andrzej tomasz paweł michał jan \
    marcin jakub adam wojciech sem daan bram lars ruben thijs jeroen pieter willem james john robert william richard \
    charles joseph george edward henry jack harry oliver samuel benjamin matthew andrew mark paul steven kevin brian \
    khalid ahmed mohammed omar ali dmitri ivan sergei alexei vladimir mikhail nikolai иван сергей александр дмитрий \
    андрей алексей михаил владимир николай павел wei ling chen li
    """.split(separator: " ").map(String.init))
}
