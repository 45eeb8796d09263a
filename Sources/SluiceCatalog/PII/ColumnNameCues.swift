/// What a column's name (and its table's name) says before any value is read.
///
/// Names are split into lower-case words at `_`, `-`, spaces, digits and camel-case
/// boundaries (`dateOfBirth` → `date of birth`). A cue is a run of those words
/// (`date of birth`, `relationship manager`) or one word (`iban`, `nachname`).
/// A word after the cue that turns it into metadata *about* the data (`email_status`,
/// `phone_type`, `owner_id`) cancels it.
struct ColumnNameCues {
    /// A hint that the column holds one kind of personal data.
    struct Cue: Equatable {
        var kind: PIIKind
        /// The words that matched, as written in the reason: `date_of_birth`.
        var words: String
        /// Strong cues name the kind outright (`last_name`); weak ones only suggest it
        /// (`owner`, `legal_name` outside a table of people).
        var isStrong: Bool
    }

    /// Lower-case words of the column name.
    let words: [String]
    let pii: Cue?
    /// A word saying the column is about organisations, places, things or codes
    /// (`issuer`, `city`, `product`, `ticker`): never a person's name.
    let nonPersonWord: String?
    /// A word saying the dates are business events (`trade`, `maturity`, `founded`): never birth dates.
    let businessDateWord: String?
    /// Whether the table holds people (`clients`, `customers`, `employees`).
    let isPersonTable: Bool

    init(column: String, table: String) {
        let words = Self.words(of: column)
        let tableWords = Self.words(of: table)
        self.words = words
        isPersonTable = tableWords.contains { Self.personTableWords.contains(Self.singular($0)) }
        nonPersonWord = words.first { Self.nonPersonWords.contains($0) }
        businessDateWord = words.first { Self.businessDateWords.contains($0) }
        pii = Self.findCue(in: words, isPersonTable: isPersonTable, nonPersonWord: nonPersonWord)
    }

    /// `clientLegalName2` → `client`, `legal`, `name`.
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if character.isLetter {
                if character.isUppercase, previousWasLower, !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousWasLower = character.isLowercase
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func singular(_ word: String) -> String {
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s"), word.count > 3 { return String(word.dropLast()) }
        return word
    }

    private static func findCue(in words: [String], isPersonTable: Bool, nonPersonWord: String?) -> Cue? {
        // Longest phrases first, so `account holder` wins over `account`.
        for (phrase, kind, strength) in phraseCues {
            guard let end = match(phrase, in: words) else { continue }
            if words[end...].contains(where: modifierWords.contains) { return nil }
            var isStrong = strength == .strong
            if strength == .personTableOnly {
                guard isPersonTable else { continue }
                isStrong = true
            }
            if strength == .weakUnlessPersonTable { isStrong = isPersonTable }
            if kind == .personName, let nonPersonWord, !phrase.contains(nonPersonWord) { return nil }
            return Cue(kind: kind, words: phrase.joined(separator: "_"), isStrong: isStrong)
        }
        // A bare `name` (or its translations) means a person only in a table of people.
        if let word = words.last, genericNameWords.contains(word), nonPersonWord == nil, words.count <= 2 {
            if isPersonTable { return Cue(kind: .personName, words: words.joined(separator: "_"), isStrong: true) }
        }
        return nil
    }

    /// The index after `phrase` where it occurs as consecutive words, or `nil`.
    private static func match(_ phrase: [String], in words: [String]) -> Int? {
        guard phrase.count <= words.count else { return nil }
        for start in 0...(words.count - phrase.count) where words[start..<(start + phrase.count)].elementsEqual(phrase) {
            return start + phrase.count
        }
        return nil
    }

    private enum Strength { case strong, weakUnlessPersonTable, personTableOnly }

    private static let phraseCues: [([String], PIIKind, Strength)] = {
        var cues: [([String], PIIKind, Strength)] = []
        func add(_ kind: PIIKind, _ strength: Strength, _ phrases: [String]) {
            for phrase in phrases { cues.append((phrase.split(separator: " ").map(String.init), kind, strength)) }
        }
        add(.dateOfBirth, .strong, [
            "date of birth", "birth date", "birthdate", "birthday", "dob", "born on", "born", "geburtsdatum", "geburtstag",
            "date naissance", "date de naissance", "naissance", "fecha nacimiento", "fecha de nacimiento", "nacimiento",
            "data nascita", "data di nascita", "nascita", "data urodzenia", "geboortedatum", "дата рождения",
        ])
        add(.email, .strong, ["email address", "e mail", "email", "mail", "courriel", "correo", "emailadresse"])
        add(.phone, .strong, [
            "phone number", "contact no", "contact number", "phone", "telephone", "téléphone", "tel", "telefon", "telefono",
            "teléfono", "telefoon", "telefoonnummer", "mobile", "mobil", "cell", "cellphone", "msisdn", "fax", "handy", "natel",
        ])
        add(.cardNumber, .strong, ["card number", "card no", "credit card", "creditcard", "cc number", "pan", "kartennummer"])
        add(.iban, .strong, [
            "account number", "account no", "bank account", "beneficiary account", "iban", "konto", "kontonummer", "compte",
            "numero compte", "cuenta", "conto", "rekening", "rachunek", "account",
        ])
        add(.ahvNumber, .strong, ["ahv nr", "ahv", "avs", "sozialversicherungsnummer"])
        add(.nationalID, .strong, [
            "social security number", "social security no", "social security", "national insurance number", "ni number",
            "national id", "national identifier", "id number", "id card", "tax id", "tax code", "tax number", "taxid", "tin",
            "ssn", "codice fiscale", "cf", "pesel", "bsn", "burgerservicenummer", "dni", "nif", "nie", "nir", "insee",
            "numero securite sociale", "nino", "passport", "personalausweis", "steuer id", "steuernummer", "inn", "snils",
            "documento", "my number",
        ])
        add(.postalAddress, .strong, [
            "postal address", "home address", "address line", "address", "addr", "street", "strasse", "adresse", "indirizzo",
            "direccion", "dirección", "adres", "wohnadresse", "residence",
        ])
        add(.personName, .strong, [
            "first name", "last name", "full name", "given name", "middle name", "maiden name", "contact name", "client name",
            "customer name", "holder name", "account holder", "employee name", "relationship manager", "account owner",
            "assigned to", "created by", "approved by", "reviewed by", "nom complet", "nombre completo", "nome cliente",
            "imie nazwisko", "firstname", "lastname", "fullname", "surname", "forename", "vorname", "nachname", "prenom",
            "prénom", "cognome", "apellido", "apellidos", "nazwisko", "imie", "imię", "voornaam", "achternaam", "фамилия",
            "имя", "assignee", "manager", "advisor", "adviser", "trader", "investigator", "reviewer", "approver",
            "beneficiary", "titulaire", "signatory", "patient", "person",
        ])
        add(.personName, .weakUnlessPersonTable, ["legal name", "owner", "holder", "party"])
        add(.personName, .personTableOnly, ["short name", "display name"])
        return cues.sorted { $0.0.count > $1.0.count }
    }()

    /// `name` in several languages: a person's name (a strong cue) only in a table of people.
    private static let genericNameWords: Set<String> = ["name", "nom", "nombre", "nome", "naam", "imie", "namen"]

    /// Words after a cue that make the column *about* the data rather than the data.
    private static let modifierWords: Set<String> = [
        "id", "ids", "code", "type", "types", "count", "cnt", "status", "flag", "verified", "consent", "optin", "opt",
        "domain", "provider", "format", "length", "len", "hash", "key", "kind", "category", "valid", "validated", "sent",
        "opened", "bounced", "template", "score", "level", "country", "prefix", "extension", "ext", "masked", "last4",
        "present", "changed", "updated", "at", "region",
    ]

    private static let personTableWords: Set<String> = [
        "client", "customer", "person", "people", "employee", "staff", "user", "member", "contact", "patient", "student",
        "trader", "beneficiary", "holder", "owner", "applicant", "candidate", "investor", "individual", "kunde", "kunden",
        "clienti", "cliente", "clientes", "klient", "klienci", "passenger", "guest", "tenant", "subscriber", "party",
        "parties", "advisor", "manager",
    ]

    private static let nonPersonWords: Set<String> = [
        "company", "companies", "issuer", "counterparty", "employer", "supplier", "vendor", "bank", "custodian", "exchange",
        "venue", "broker", "instrument", "security", "product", "fund", "sector", "industry", "city", "town", "ort",
        "location", "country", "region", "state", "title", "job", "role", "position", "department", "team", "unit", "desk",
        "description", "details", "detail", "comment", "comments", "narrative", "note", "notes", "text", "message", "color",
        "colour", "domain", "website", "url", "host", "link", "mic", "ticker", "symbol", "isin", "sedol", "lei", "currency",
        "ccy", "rating", "grade", "segment", "tier", "status", "timezone", "language", "locale", "brand", "model",
        "category", "entity", "firm", "organisation", "organization", "org", "merchant", "store", "shop", "hotel",
        "airline", "school", "street", "file", "filename", "path", "project", "portfolio", "strategy", "book", "account",
        "recommendation", "weekday", "day", "month", "tenor", "pair", "version", "build",
    ]

    private static let businessDateWords: Set<String> = [
        "founded", "incorporation", "incorporated", "established", "maturity", "expiry", "expiration", "trade", "settlement",
        "value", "created", "updated", "opened", "closed", "onboarded", "issue", "issued", "listing", "effective", "start",
        "end", "valid", "review", "checked", "executed", "price", "report", "booking", "payment", "due", "order",
        "transaction", "as", "coupon", "delivery", "invoice", "shipped", "modified", "deadline",
    ]
}
