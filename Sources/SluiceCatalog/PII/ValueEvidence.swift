/// What the value recognizers found in one column's sample, gathered in a single
/// pass: for each recognizer, how many sampled values it (and its validator) accepted.
struct ValueEvidence {
    /// Non-empty sampled values: the denominator of every fraction.
    private(set) var total = 0

    private(set) var emails = 0
    private(set) var internationalPhones = 0
    private(set) var nationalPhones = 0
    private(set) var ibans = 0
    private(set) var cards = 0
    private(set) var ahvNumbers = 0
    private(set) var nationalIDs = 0
    private(set) var nationalIDSchemes: [NationalIDScheme: Int] = [:]
    private(set) var addresses = 0

    private(set) var dates = 0
    private(set) var timestamps = 0
    /// Years of the dates, for the birth-date range tests.
    private(set) var dateYears: [Int] = []

    private(set) var personShaped = 0
    private(set) var personMultiWord = 0
    private(set) var organisations = 0
    private(set) var things = 0
    private(set) var givenNameOrTitle = 0

    private(set) var referenceCodes: [ReferenceCode: Int] = [:]

    /// - Parameter phoneCue: the column name says "phone", so bare digit runs count as numbers.
    init(values: [String], phoneCue: Bool) {
        dateYears.reserveCapacity(values.count)
        for value in values {
            guard !value.isEmpty, !value.utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) else { continue }
            total += 1
            if let code = ReferenceCode.recognize(value) {
                referenceCodes[code, default: 0] += 1
                continue
            }
            if DateShapes.isTimestamp(value) {
                timestamps += 1
                continue
            }
            if let date = DateShapes.calendarDate(value.utf8) {
                dates += 1
                dateYears.append(date.year)
                continue
            }
            if value.utf8.contains(UInt8(ascii: "@")) {
                if ContactShapes.isEmail(value) { emails += 1 }
                continue
            }
            if CheckDigitValidators.isAHV(value) { ahvNumbers += 1; continue }
            if CheckDigitValidators.isIBAN(value) { ibans += 1; continue }
            // Cards before national ids: a 12-digit Maestro number can pass the INN checksum, not the reverse.
            if PaymentCardShape.isCardNumber(value) { cards += 1; continue }
            if let scheme = NationalIDScheme.recognize(value) {
                nationalIDs += 1
                nationalIDSchemes[scheme, default: 0] += 1
                continue
            }
            if let form = ContactShapes.phoneForm(value, allowBareDigits: phoneCue) {
                if form == .international { internationalPhones += 1 } else { nationalPhones += 1 }
                continue
            }
            if PostalAddressShape.isAddress(value) { addresses += 1; continue }
            let name = PersonNameShape(value)
            if name.isOrganisation { organisations += 1 }
            if name.isShaped {
                if name.isThing {
                    things += 1
                } else {
                    personShaped += 1
                    if name.isMultiWord { personMultiWord += 1 }
                    if name.hasGivenName || name.hasTitleOrParticle { givenNameOrTitle += 1 }
                }
            }
        }
    }

    var phones: Int { internationalPhones + nationalPhones }

    /// The reference code most values are, with its count.
    var dominantReferenceCode: (code: ReferenceCode, count: Int)? {
        referenceCodes.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }
            .map { (code: $0.key, count: $0.value) }
    }

    /// The national-ID scheme most values validate under.
    var dominantNationalIDScheme: NationalIDScheme? {
        nationalIDSchemes.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }?.key
    }

    func fraction(_ count: Int) -> Double {
        total == 0 ? 0 : Double(count) / Double(total)
    }
}
