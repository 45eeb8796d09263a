#!/usr/bin/env python3
"""Labeled corpus of columns for measuring PII detection at column level.

    pii_corpus.py --seed N        prints a JSON array of columns on stdout

Each item: {"id", "table", "column", "type", "values", "label", "kind", "note"}.
`type` is one of string, date, int64, double; `values` are distinct, rendered as
text the way the catalog's scanner renders them (dates YYYY-MM-DD, timestamps
ISO-8601 with microseconds and Z, numbers in plain form). `kind` is a PIIKind raw
value for positives and null for negatives.

Values come from Faker in several locales; the tricky negatives (identifiers with
valid check digits, codes, ratings, tickers, business dates) are made here with
check digits computed independently of Sluice. Column names are drawn per seed from
realistic and deliberately unhelpful choices, so a second seed tests the method
rather than the fit to one corpus.
"""
import argparse
import datetime as dt
import json
import random
import string
import uuid

from faker import Faker

LOCALES = ["de_CH", "fr_CH", "it_IT", "en_GB", "en_US", "es_ES", "pl_PL", "nl_NL", "ja_JP", "ru_RU", "fr_FR", "de_DE"]
LATIN_LOCALES = [loc for loc in LOCALES if loc not in ("ja_JP", "ru_RU")]
DIRTY = ["n/a", "unknown", "-", "TBD", "none", "?"]


class Corpus:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self.fakers = {}
        self.items = []

    def faker(self, locale):
        if locale not in self.fakers:
            fake = Faker(locale)
            fake.seed_instance(self.seed * 1000 + len(self.fakers))
            self.fakers[locale] = fake
        return self.fakers[locale]

    def size(self):
        return self.rng.randint(30, 120)

    def distinct(self, make, count, tries=20):
        seen, out = set(), []
        for _ in range(count * tries):
            if len(out) == count:
                break
            value = make()
            if value is None:
                continue
            value = str(value)
            if value not in seen:
                seen.add(value)
                out.append(value)
        return out

    def dirty(self, values, count):
        """Replaces `count` values with junk, so the matched fraction is below 1."""
        values = list(values)
        for index in self.rng.sample(range(len(values)), min(count, len(values))):
            values[index] = self.rng.choice(DIRTY) + ("" if self.rng.random() < 0.5 else str(index))
        return list(dict.fromkeys(values))

    def add(self, table, column, type_, values, kind, note):
        self.items.append({
            "id": f"s{self.seed}-{len(self.items):03d}",
            "table": table,
            "column": column,
            "type": type_,
            "values": values,
            "label": kind is not None,
            "kind": kind,
            "note": note,
        })

    def pick(self, options):
        return self.rng.choice(options)


# Check digits, computed here independently of Sluice's validators.

def luhn_digit(body):
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def isin(rng, country):
    body = country + "".join(rng.choice(string.digits + string.ascii_uppercase) for _ in range(9))
    expanded = "".join(str(int(c, 36)) for c in body)
    return body + luhn_digit(expanded)


def sedol(rng):
    alphabet = "0123456789BCDFGHJKLMNPQRSTVWXYZ"
    body = "".join(rng.choice(alphabet) for _ in range(6))
    weights = [1, 3, 1, 7, 3, 9]
    total = sum(int(c, 36) * w for c, w in zip(body, weights))
    return body + str((10 - total % 10) % 10)


def lei(rng):
    body = "".join(rng.choice(string.digits + string.ascii_uppercase) for _ in range(18))
    number = int("".join(str(int(c, 36)) for c in body) + "00")
    return body + f"{98 - number % 97:02d}"


def random_date(rng, start_year, end_year):
    start = dt.date(start_year, 1, 1).toordinal()
    end = dt.date(end_year, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def timestamp(rng, start_year, end_year):
    day = random_date(rng, start_year, end_year)
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    moment += dt.timedelta(seconds=rng.randint(0, 86399), microseconds=rng.randint(0, 999999))
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def plain_number(value):
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


# Positives.

def add_person_names(c):
    realistic = ["full_name", "customer_name", "client_name", "legal_name", "holder_name", "contact_name",
                 "nom_complet", "nombre_completo", "nome_cliente", "imie_nazwisko", "naam", "beneficiary"]
    unhelpful = ["col_7", "contact", "ref", "party", "field_12", "who"]
    for locale in LOCALES:
        fake = c.faker(locale)
        values = c.distinct(fake.name, c.size())
        c.add("customers", c.pick(realistic), "string", values, "person_name", f"{locale} full names")
    for locale in ["de_CH", "fr_CH", "en_US", "es_ES", "pl_PL", "nl_NL"]:
        fake = c.faker(locale)
        values = c.distinct(fake.name, c.size())
        c.add("contacts", c.pick(unhelpful), "string", values, "person_name", f"{locale} full names, unhelpful column name")
    for locale in ["de_CH", "it_IT", "en_GB", "pl_PL"]:
        fake = c.faker(locale)
        values = c.distinct(fake.last_name, c.size())
        c.add("people", c.pick(["last_name", "surname", "nachname", "cognome", "nazwisko"]), "string", values,
              "person_name", f"{locale} surnames")
    for locale in ["fr_CH", "es_ES", "nl_NL"]:
        fake = c.faker(locale)
        values = c.distinct(fake.first_name, c.size())
        c.add("people", c.pick(["first_name", "given_name", "prenom", "vorname", "nombre"]), "string", values,
              "person_name", f"{locale} given names")
    for locale in ["de_CH", "en_GB", "fr_CH"]:
        fake = c.faker(locale)
        people = c.distinct(fake.name, c.size())
        companies = c.distinct(fake.company, len(people) // 3)
        values = people + companies
        c.rng.shuffle(values)
        c.add("clients", "legal_name", "string", values, "person_name", f"{locale} individuals mixed with corporates")
    for locale in ["en_US", "de_CH"]:
        fake = c.faker(locale)
        values = c.distinct(lambda: f"{fake.first_name()[0]}. {fake.last_name()}", c.size())
        c.add("clients", "short_name", "string", values, "person_name", f"{locale} initial and surname")
    fake = c.faker("fr_FR")
    values = c.distinct(lambda: f"{fake.last_name().upper()} {fake.first_name()}", c.size())
    c.add("dossiers", c.pick(["titulaire", "owner"]), "string", values, "person_name", "fr_FR SURNAME Given")
    fake = c.faker("en_GB")
    values = c.distinct(lambda: f"{fake.last_name()}, {fake.first_name()}", c.size())
    c.add("tickets", c.pick(["assigned_to", "reviewer", "trader"]), "string", values, "person_name", "en_GB Surname, Given")
    fake = c.faker("de_CH")
    values = c.dirty(c.distinct(fake.name, c.size()), 3)
    c.add("desk", c.pick(["relationship_manager", "advisor", "account_owner"]), "string", values, "person_name",
          "de_CH names with a few junk values")


def add_emails(c):
    names = ["email", "e_mail", "email_address", "mail", "courriel", "contact", "col_3", "login"]
    for locale in ["de_CH", "fr_CH", "it_IT", "en_US", "pl_PL", "ja_JP", "ru_RU"]:
        fake = c.faker(locale)
        values = c.distinct(fake.email, c.size())
        if c.rng.random() < 0.5:
            values = c.dirty(values, 2)
        c.add("customers", c.pick(names), "string", values, "email", f"{locale} e-mail addresses")
    c.add("customers", "email", "string", [], "email", "empty column, name cue only")


def add_phones(c):
    names = ["phone", "telephone", "mobile", "tel", "telefono", "telefon", "phone_number", "contact_no", "col_9", "number"]
    for locale in ["de_CH", "fr_CH", "it_IT", "en_GB", "en_US", "es_ES", "pl_PL", "nl_NL", "ja_JP", "ru_RU"]:
        fake = c.faker(locale)
        values = c.distinct(fake.phone_number, c.size())
        c.add("customers", c.pick(names), "string", values, "phone", f"{locale} phone numbers")
    fake = c.faker("en_US")
    values = c.dirty(c.distinct(fake.msisdn, c.size()), 2)
    values = ["+" + v if v[0].isdigit() and not v.startswith("0") else v for v in values]
    c.add("customers", c.pick(["msisdn", "mobile_e164"]), "string", values, "phone", "E.164 numbers, a few junk")


def add_ibans(c):
    names = ["iban", "account_number", "konto", "compte", "account", "col_4", "beneficiary_account"]
    for locale in ["de_CH", "fr_FR", "it_IT", "en_GB", "es_ES", "pl_PL", "nl_NL"]:
        fake = c.faker(locale)
        values = c.distinct(fake.iban, c.size())
        if c.rng.random() < 0.5:
            values = [" ".join(v[i:i + 4] for i in range(0, len(v), 4)) for v in values]
        c.add("accounts", c.pick(names), "string", values, "iban", f"{locale} IBANs")


def add_cards(c):
    names = ["card_number", "pan", "cc_number", "credit_card", "col_11", "payment_ref"]
    for card_type in ["visa16", "mastercard", "amex", "discover", None]:
        fake = c.faker("en_US")
        values = c.distinct(lambda: fake.credit_card_number(card_type=card_type), c.size())
        if card_type == "visa16":
            values = [" ".join(v[i:i + 4] for i in range(0, len(v), 4)) for v in values]
        c.add("payments", c.pick(names), "string", values, "card_number", f"card numbers ({card_type or 'mixed'})")


def add_ahv(c):
    fake = c.faker("de_CH")
    names = ["ahv_nr", "avs", "sozialversicherungsnummer", "social_security_no", "col_5"]
    c.add("employees", c.pick(names), "string", c.distinct(fake.ssn, c.size()), "ahv_number", "AHV numbers, dotted")
    c.add("employees", c.pick(names), "string", c.distinct(lambda: fake.ssn().replace(".", ""), c.size()),
          "ahv_number", "AHV numbers, digits only")


def add_birth_dates(c):
    names = ["date_of_birth", "dob", "birth_date", "geburtsdatum", "date_naissance", "fecha_nacimiento", "born_on"]
    for locale in ["de_CH", "en_US", "es_ES", "ru_RU"]:
        fake = c.faker(locale)
        values = c.distinct(lambda: fake.date_of_birth(minimum_age=18, maximum_age=95).isoformat(), c.size())
        c.add("customers", c.pick(names), "date", values, "date_of_birth", f"{locale} birth dates")
    fake = c.faker("fr_CH")
    values = c.distinct(lambda: fake.date_of_birth(minimum_age=18, maximum_age=90).strftime("%d.%m.%Y"), c.size())
    c.add("customers", c.pick(names), "string", values, "date_of_birth", "birth dates as dd.mm.yyyy text")
    fake = c.faker("en_GB")
    values = c.distinct(lambda: fake.date_of_birth(minimum_age=20, maximum_age=90).isoformat(), c.size())
    c.add("customers", c.pick(["d1", "col_2", "date_1"]), "date", values, "date_of_birth",
          "birth dates under an unhelpful name")


def add_addresses(c):
    names = ["address", "postal_address", "adresse", "indirizzo", "direccion", "adres", "home_address", "col_8"]
    for locale in ["de_CH", "fr_CH", "it_IT", "en_GB", "en_US", "es_ES", "pl_PL", "nl_NL", "ja_JP", "ru_RU"]:
        fake = c.faker(locale)
        values = c.distinct(lambda: fake.address().replace("\n", ", "), c.size())
        c.add("customers", c.pick(names), "string", values, "postal_address", f"{locale} postal addresses")
    fake = c.faker("de_DE")
    values = c.distinct(fake.street_address, c.size())
    c.add("customers", c.pick(["street", "strasse", "address_line1"]), "string", values, "postal_address",
          "de_DE street and number only")


def add_national_ids(c):
    specs = [
        ("en_US", "ssn", ["ssn", "social_security_number", "tax_id", "col_13"], "US SSNs"),
        ("it_IT", "ssn", ["codice_fiscale", "tax_code", "cf"], "Italian codici fiscali"),
        ("pl_PL", "pesel", ["pesel", "national_id", "id_number"], "Polish PESEL"),
        ("nl_NL", "ssn", ["bsn", "burgerservicenummer", "national_id"], "Dutch BSN"),
        ("es_ES", "nif", ["dni", "nif", "documento"], "Spanish DNI/NIF"),
        ("fr_FR", "ssn", ["nir", "numero_securite_sociale", "insee"], "French NIR"),
        ("en_GB", "ssn", ["nino", "national_insurance_number", "ni_number"], "UK national insurance numbers"),
    ]
    for locale, method, names, note in specs:
        fake = c.faker(locale)
        values = c.distinct(getattr(fake, method), c.size())
        c.add("customers", c.pick(names), "string", values, "national_id", note)


# Negatives.

def add_identifier_traps(c):
    rng = c.rng
    countries = ["CH", "US", "DE", "FR", "GB", "JP", "NL", "IT", "LU", "IE"]
    c.add("instruments", c.pick(["isin", "security_id", "code", "id"]), "string",
          c.distinct(lambda: isin(rng, rng.choice(countries)), c.size()), None, "ISINs with valid check digit")
    c.add("instruments", c.pick(["isin_code", "col_21"]), "string",
          c.distinct(lambda: isin(rng, rng.choice(countries)), c.size()), None, "ISINs, unhelpful name")
    c.add("instruments", c.pick(["sedol", "code", "ref"]), "string", c.distinct(lambda: sedol(rng), c.size()), None,
          "SEDOLs with valid check digit")
    c.add("counterparties", c.pick(["lei", "entity_id", "id"]), "string", c.distinct(lambda: lei(rng), c.size()), None,
          "LEIs with valid mod-97 check")
    c.add("counterparties", c.pick(["legal_entity", "col_22"]), "string", c.distinct(lambda: lei(rng), c.size()), None,
          "LEIs, unhelpful name")
    tickers = ["NESN", "NOVN", "ROG", "UBSG", "ZURN", "ABBN", "AAPL", "MSFT", "NVDA", "AMZN", "JPM", "GOOGL", "SAP",
               "SIE", "ALV", "MC", "TTE", "SAN", "AZN", "SHEL", "HSBA", "7203", "1299", "BMW", "VOW3", "ADS", "BAS"]
    markets = ["SW", "US", "GY", "FP", "LN", "JT", "HK", "IM", "NA"]
    c.add("instruments", c.pick(["bloomberg_ticker", "ticker", "symbol", "name"]), "string",
          c.distinct(lambda: f"{rng.choice(tickers)} {rng.choice(markets)} Equity", 40), None, "Bloomberg tickers")
    c.add("instruments", c.pick(["ticker", "code"]), "string", c.distinct(lambda: rng.choice(tickers), 25), None,
          "bare tickers")
    c.add("orders", c.pick(["cl_ord_id", "order_ref", "id", "ref"]), "string",
          c.distinct(lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)), c.size()), None, "UUID order ids")
    c.add("orders", c.pick(["order_id", "id"]), "int64", c.distinct(lambda: rng.randint(1, 10_000_000), c.size()), None,
          "numeric ids")
    c.add("orders", c.pick(["order_no", "reference"]), "string",
          c.distinct(lambda: f"ORD-{rng.randint(2019, 2025)}-{rng.randint(0, 999999):06d}", c.size()), None,
          "order numbers")
    c.add("trades", c.pick(["trade_ref", "col_23"]), "int64",
          c.distinct(lambda: rng.randint(10**15, 10**16 - 1), c.size()), None, "16-digit trade references (not cards)")
    banks = ["UBSW", "CRES", "ZKBK", "DEUT", "BNPA", "BARC", "CHAS", "RABO", "INGB", "POAL"]
    c.add("counterparties", c.pick(["bic", "swift", "code"]), "string",
          c.distinct(lambda: rng.choice(banks) + rng.choice(["CH", "DE", "FR", "GB", "US", "NL"]) +
                     rng.choice(["ZH", "FF", "PP", "2L", "33", "2A"]) + rng.choice(["", "XXX", "80A"]), 30),
          None, "BIC codes")
    c.add("files", c.pick(["checksum", "hash"]), "string",
          c.distinct(lambda: "%040x" % rng.getrandbits(160), c.size()), None, "SHA-1 hex digests")


def add_code_traps(c):
    currencies = ["CHF", "EUR", "USD", "GBP", "JPY", "HKD", "SGD", "SEK", "NOK", "DKK", "PLN", "CZK", "AUD", "CAD",
                  "CNY", "INR", "BRL", "ZAR", "AED", "RUB"]
    countries2 = ["CH", "DE", "FR", "IT", "GB", "US", "ES", "PL", "NL", "JP", "RU", "AT", "BE", "LU", "SE", "NO", "DK",
                  "CZ", "BR", "AE", "SG", "HK", "CY", "IE", "PT"]
    countries3 = ["CHE", "DEU", "FRA", "ITA", "GBR", "USA", "ESP", "POL", "NLD", "JPN", "RUS", "AUT", "BEL", "LUX"]
    c.add("orders", c.pick(["currency", "ccy", "code"]), "string", currencies, None, "ISO 4217 currency codes")
    c.add("clients", c.pick(["nationality", "domicile_country", "country", "col_24"]), "string", countries2, None,
          "ISO 3166 alpha-2 codes")
    c.add("clients", c.pick(["country_code", "iso3"]), "string", countries3, None, "ISO 3166 alpha-3 codes")
    c.add("budget", c.pick(["year", "fiscal_year", "vintage", "col_25"]), "int64",
          [str(y) for y in range(2005, 2026)], None, "4-digit year codes")
    c.add("budget", c.pick(["year_code", "period"]), "string", [f"FY{y}" for y in range(2010, 2026)], None,
          "fiscal year codes")
    ratings = ["AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-", "BB+", "BB", "B", "CCC"]
    moodys = ["Aaa", "Aa1", "Aa2", "Aa3", "A1", "A2", "A3", "Baa1", "Baa2", "Baa3", "Ba1", "Ba2", "B1", "Caa1"]
    c.add("counterparties", c.pick(["credit_rating", "rating", "grade"]), "string", ratings, None, "S&P ratings")
    c.add("counterparties", c.pick(["moodys", "rating", "col_26"]), "string", moodys, None, "Moody's ratings")
    c.add("exchanges", c.pick(["mic", "venue"]), "string",
          ["XSWX", "XETR", "XPAR", "XLON", "XNYS", "XNAS", "XTKS", "XHKG", "XAMS", "XMIL", "XMAD", "XWAR"], None, "MIC codes")
    c.add("orders", c.pick(["status", "state"]), "string",
          ["NEW", "PARTIALLY_FILLED", "FILLED", "CANCELED", "REJECTED", "EXPIRED"], None, "order statuses")
    c.add("orders", c.pick(["side"]), "string", ["BUY", "SELL", "SHRT"], None, "order sides")
    c.add("clients", c.pick(["segment", "tier"]), "string", ["retail", "affluent", "hnwi", "uhnwi", "corporate"], None,
          "segments")
    c.add("clients", "is_pep", "string", ["true", "false"], None, "booleans")
    c.add("exchanges", "timezone", "string",
          ["Europe/Zurich", "Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "Asia/Hong_Kong"], None,
          "time zones")


def add_name_traps(c):
    rng = c.rng
    for locale in ["de_CH", "fr_CH", "en_US", "it_IT", "ja_JP", "nl_NL"]:
        fake = c.faker(locale)
        c.add("companies", c.pick(["name", "company", "issuer", "counterparty", "employer"]), "string",
              c.distinct(fake.company, c.size()), None, f"{locale} company names")
    adjectives = ["Ergonomic", "Rustic", "Premium", "Classic", "Organic", "Smart", "Compact", "Deluxe", "Eco", "Ultra"]
    materials = ["Steel", "Wooden", "Cotton", "Leather", "Glass", "Bamboo", "Granite", "Plastic", "Copper", "Wool"]
    things = ["Chair", "Table", "Lamp", "Shoes", "Jacket", "Bottle", "Backpack", "Watch", "Keyboard", "Sofa"]
    c.add("products", c.pick(["name", "product", "title", "col_27"]), "string",
          c.distinct(lambda: f"{rng.choice(adjectives)} {rng.choice(materials)} {rng.choice(things)}", c.size()), None,
          "product names")
    funds = ["Swiss Equity Fund", "Global Bond Index", "Euro Stoxx 50 Tracker", "Emerging Markets ETF",
             "Swiss Dividend Leaders", "US Treasury Note 4.25% 2034", "Gold Certificate", "Nestlé Finance 1.625% 2031",
             "Barrier Reverse Convertible on Roche", "SPDR S&P 500 ETF Trust", "iShares Core MSCI World",
             "Apple Inc. 3.25% 2029", "Swiss Confederation 0.5% 2032", "Vontobel Tracker Certificate"]
    c.add("instruments", c.pick(["name", "instrument_name", "security"]), "string", funds, None, "instrument names")
    c.add("exchanges", c.pick(["name", "exchange"]), "string",
          ["SIX Swiss Exchange", "Xetra", "Euronext Paris", "London Stock Exchange", "New York Stock Exchange",
           "Nasdaq Stock Market", "Tokyo Stock Exchange", "Hong Kong Exchanges and Clearing", "Borsa Italiana",
           "Bolsa de Madrid", "Warsaw Stock Exchange", "Euronext Amsterdam"], None, "exchange names")
    for locale in ["de_CH", "en_US", "fr_FR", "pl_PL"]:
        fake = c.faker(locale)
        c.add("sites", c.pick(["city", "town", "ort", "location"]), "string", c.distinct(fake.city, c.size()), None,
              f"{locale} cities")
    fake = c.faker("en_US")
    c.add("staff", c.pick(["title", "job", "role", "position"]), "string", c.distinct(fake.job, c.size()), None,
          "job titles")
    c.add("instruments", "sector", "string",
          ["Consumer Staples", "Health Care", "Financials", "Industrials", "Consumer Discretionary",
           "Information Technology", "Communication Services", "Energy", "Materials", "Utilities", "Real Estate"],
          None, "GICS sectors")
    c.add("palette", c.pick(["color", "colour", "name"]), "string", c.distinct(fake.color_name, 40), None, "colour names")
    c.add("web", c.pick(["domain", "website", "host"]), "string", c.distinct(fake.domain_name, c.size()), None,
          "company domains")
    c.add("notes", c.pick(["details", "comment", "narrative", "description"]), "string",
          c.distinct(lambda: fake.sentence(nb_words=10), c.size()), None, "free-text sentences")
    c.add("owners", c.pick(["owner", "assigned_to"]), "string",
          ["EQ-TRADING", "FX-DESK", "RISK-OPS", "COMPLIANCE", "TREASURY", "MIDDLE-OFFICE", "IT-SUPPORT"], None,
          "team codes under a person cue")
    c.add("mailing", "email_status", "string", ["sent", "bounced", "opened", "clicked", "unsubscribed"], None,
          "e-mail delivery states under an e-mail cue")
    c.add("customers", "phone_type", "string", ["mobile", "home", "work", "fax"], None, "phone types under a phone cue")


def add_number_and_time_traps(c):
    rng = c.rng
    c.add("positions", c.pick(["market_value", "amount", "balance", "col_28"]), "double",
          c.distinct(lambda: plain_number(round(rng.uniform(-1e6, 5e7), 2)), c.size()), None, "amounts")
    c.add("positions", c.pick(["quantity", "volume"]), "double",
          c.distinct(lambda: plain_number(rng.randint(1, 100000)), c.size()), None, "quantities")
    c.add("positions", c.pick(["weight_pct", "utilization_pct"]), "double",
          c.distinct(lambda: plain_number(round(rng.uniform(0, 120), 2)), c.size()), None, "percentages")
    c.add("trades", c.pick(["price", "close"]), "string",
          c.distinct(lambda: f"{rng.uniform(1, 5000):,.2f}", c.size()), None, "formatted prices as text")
    c.add("trades", c.pick(["trade_date", "value_date", "as_of_date", "d2"]), "date",
          c.distinct(lambda: random_date(rng, 2019, 2025).isoformat(), c.size()), None, "business dates")
    c.add("instruments", c.pick(["maturity_date", "expiry"]), "date",
          c.distinct(lambda: random_date(rng, 2026, 2055).isoformat(), c.size()), None, "maturities")
    c.add("companies", c.pick(["incorporation_date", "founded_on"]), "date",
          c.distinct(lambda: random_date(rng, 1905, 2005).isoformat(), c.size()), None,
          "incorporation dates (a birth-date range, but of companies)")
    c.add("executions", c.pick(["executed_at", "created_at", "ts"]), "string",
          c.distinct(lambda: timestamp(rng, 2023, 2025), c.size()), None, "timestamps")
    c.add("trades", c.pick(["trade_date_text", "col_29"]), "string",
          c.distinct(lambda: random_date(rng, 2019, 2025).strftime("%d.%m.%Y"), c.size()), None, "trade dates as text")
    c.add("accounts", c.pick(["client_id", "account_id"]), "int64", [str(i) for i in range(1, rng.randint(30, 90))], None,
          "sequential keys")
    c.add("instruments", "coupon_rate", "double", ["0.5", "2.6", "4.25", "1.625", "3.25", "0.75", "1.1"], None, "coupons")


def add_more_traps(c):
    rng = c.rng
    for locale in ["de_DE", "es_ES", "pl_PL", "ru_RU", "en_GB"]:
        fake = c.faker(locale)
        c.add("suppliers", c.pick(["name", "supplier", "vendor", "col_30"]), "string",
              c.distinct(fake.company, c.size()), None, f"{locale} company names")
    c.add("banks", c.pick(["name", "bank", "custodian"]), "string",
          ["Zürcher Kantonalbank", "Banque Cantonale Vaudoise", "Raiffeisen Schweiz", "Julius Bär", "Pictet & Cie",
           "Lombard Odier", "Banca della Svizzera Italiana", "Deutsche Bank", "BNP Paribas", "Banco Santander",
           "ING Groep", "PKO Bank Polski", "Sberbank", "Mizuho Financial Group", "Goldman Sachs", "JPMorgan"],
          None, "bank names")
    c.add("geo", c.pick(["country_name", "country", "region"]), "string",
          ["Switzerland", "Germany", "United Kingdom", "United States", "New Zealand", "South Africa", "Saudi Arabia",
           "Czech Republic", "Hong Kong", "Costa Rica", "Sri Lanka", "El Salvador", "Sierra Leone", "Puerto Rico"],
          None, "country names")
    c.add("org", c.pick(["department", "team", "unit"]), "string",
          ["Human Resources", "Private Banking", "Asset Management", "Wealth Planning", "Trade Support", "Risk Control",
           "Legal Services", "Internal Audit", "Corporate Finance", "Investor Relations"], None, "department names")
    fake = c.faker("en_US")
    c.add("books", c.pick(["isbn", "ref_no"]), "string", c.distinct(fake.isbn13, c.size()), None, "ISBN-13 numbers")
    for locale in ["de_CH", "nl_NL"]:
        fake = c.faker(locale)
        c.add("sites", c.pick(["postcode", "zip", "plz"]), "string", c.distinct(fake.postcode, c.size()), None,
              f"{locale} postal codes alone")
    c.add("accounts", c.pick(["account_ref", "portfolio_id"]), "string",
          c.distinct(lambda: f"PF-{rng.randint(0, 99999):05d}", c.size()), None, "portfolio references")
    c.add("fx", c.pick(["pair", "symbol"]), "string",
          ["EURUSD", "USDCHF", "GBPUSD", "EURCHF", "USDJPY", "AUDUSD", "EURGBP", "USDCAD"], None, "currency pairs")
    c.add("fx", c.pick(["tenor", "term"]), "string", ["ON", "TN", "1W", "1M", "3M", "6M", "1Y", "2Y", "5Y", "10Y"], None,
          "tenors")
    c.add("research", c.pick(["recommendation", "rating"]), "string", ["Buy", "Hold", "Sell", "Strong Buy", "Underweight"],
          None, "analyst recommendations")
    c.add("calendar", c.pick(["weekday", "day_name"]), "string",
          ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], None, "weekday names")
    c.add("i18n", c.pick(["language", "locale"]), "string", ["de", "fr", "it", "en", "es", "pl", "nl", "ja", "ru"], None,
          "language codes")
    c.add("web", c.pick(["url", "link"]), "string", c.distinct(fake.url, c.size()), None, "URLs")
    c.add("releases", c.pick(["version", "build"]), "string",
          c.distinct(lambda: f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 50)}", 40), None, "versions")
    c.add("risk", c.pick(["var_1d_95", "pnl", "col_31"]), "double",
          c.distinct(lambda: plain_number(round(rng.gauss(0, 250000), 2)), c.size()), None, "P&L figures")
    c.add("orders", c.pick(["updated_at", "checked_at"]), "string",
          c.distinct(lambda: timestamp(rng, 2015, 2025), c.size()), None, "timestamps")
    c.add("market", c.pick(["volume", "shares"]), "int64",
          c.distinct(lambda: rng.randint(100, 90_000_000), c.size()), None, "volumes")


def build(seed):
    c = Corpus(seed)
    for add in (add_person_names, add_emails, add_phones, add_ibans, add_cards, add_ahv, add_birth_dates,
                add_addresses, add_national_ids, add_identifier_traps, add_code_traps, add_name_traps,
                add_number_and_time_traps, add_more_traps):
        add(c)
    return c.items


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(build(args.seed), ensure_ascii=False))


if __name__ == "__main__":
    main()
