#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Computes Salary Atlas's embedded default dataset from the real source files.

Reads the files in ../shared/data/ (checking each one's sha256 against the
value in that folder's README), and writes aggregates only -- n, p25,
median, p75 and mean per group, never a raw row -- to
data/default-figures.csv, plus a description of every source to
data/default-sources.csv, and copies the exchange rates and PPP factors to
data/fx-ppp.csv with correct CSV quoting, and histogram counts per fixed pay
range (data/default-bins.csv, again counts only) for the distribution chart.  Pooled aijobs.net groups of IN
and US, and the Glassdoor India groups, are also written in INR and in
international dollars (and Glassdoor in USD), converted row by row with
those factors, because a figure without a single year cannot be converted
afterwards.  The output is deterministic: running the script
twice on the same inputs gives byte-identical files.

Usage (from the repository root):

    python3 build-aux/curate-default-dataset.py \
        [--shared-data ../shared/data] [--out-dir data] [--check]

Only the Python 3 standard library is used.  See docs/default-dataset.md.
"""

import argparse
import csv
import hashlib
import io
import math
import os
import re
import sys
import unicodedata

# A group is published only when it has at least this many rows: a smaller
# group's percentiles are little more than its raw rows.
MIN_N = 10

# The aijobs.net groups per experience level and per work_year go down to
# this floor instead: India has only a few dozen full-time rows, so MIN_N
# would hide every Indian level and year of most role families.  Small groups
# are shown and flagged (the app marks n < 30 as a small sample), not hidden;
# below three rows a quartile is just one of the rows.
AIJOBS_MIN_N = 3

# The levels.fyi groups of one role family (overall, per band of years of
# experience, per company) go down to this floor: India has 31 machine
# learning engineers in all (Microsoft 6, Google 5; 0-2 years 8, 5-10 years
# 9), so MIN_N would leave the career curve one Indian point and the "same
# employer" chart no company at all.  They are flagged as small samples like
# the aijobs.net groups; all-roles groups keep MIN_N.
LEVELS_FAMILY_MIN_N = 5

# The countries that data/fx-ppp.csv has exchange rates and PPP factors for,
# with their currency: the two regions the app compares.
LOCAL_CURRENCY = {"IN": "INR", "US": "USD"}
PPP_COUNTRIES = sorted(LOCAL_CURRENCY)

# What the amounts of an aijobs figure are, by currency and country.
AIJOBS_AMOUNT = {
    ("USD", None): "salary_in_usd",
    ("INR", "IN"): "salary of the %(paid)d INR-paid rows, salary_in_usd x INR per USD of "
                   "the others",
    ("intl$", "IN"): "the INR amount (salary of the %(paid)d INR-paid rows, salary_in_usd x "
                     "INR per USD of the others) / India's PPP factor",
    ("intl$", "US"): "salary_in_usd / the US PPP factor (1 by definition)",
}

# Glassdoor India filters (documented in docs/default-dataset.md).
GLASSDOOR_MIN_INR = 100_000        # below: likely monthly figures or stipends
GLASSDOOR_MAX_INR = 10_000_000     # above: one crore a year; a data-entry error
GLASSDOOR_EXCLUDED_STATUS = {"Intern", "Trainee"}
# Further Glassdoor "company" values (as company keys) that are placeholders,
# generic words or job boards, not an identifiable employer.  "anonymous
# content" is the Glassdoor namesake that "Anonymous" entries resolve to.
GLASSDOOR_PLACEHOLDERS = {
    "abc", "abcdef", "anonymous content", "done by none", "employers", "first student",
    "fresher than fresh", "fresher zones", "fresherscom", "fresherworldcom",
    "graduate student", "no", "nones", "other", "self opportunity", "test", "xyz",
    "xyz tech", "yes",
}

# Company keys: a port of atlas_company_normalise_key() in
# app/core/atlas-company.c, so that the groups made here are the companies the
# app shows.  The curated identity table (canonical companies, aliases,
# brands) is read from data/company-aliases.tsv, the file the app compiles
# in; the folding rules below are kept in step by hand, and tests/test-seed.c
# fails when two figures of one source end up on the same company.
COMPANY_TRAILING_WORDS = {
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "pvt", "private",
    "corp", "corporation", "co", "company", "plc", "gmbh", "ag", "sa", "bv", "nv",
    "pllc", "pc", "pte", "srl", "sas", "pty", "services", "service", "corporate",
    "usa", "us", "america", "americas", "india",
}
COMPANY_NOT_EMPLOYERS = {
    "fresher", "freshers", "confidential", "self employed", "self", "freelance",
    "freelancer", "na", "n a", "none", "unknown", "various", "student", "not applicable",
    "undisclosed", "anonymous", "private",
}
COMPANY_CANONICAL = {}
COMPANY_ALIASES = {}
COMPANY_BRAND_FIRST_WORDS = set()


def load_company_table(path):
    """company KEY NAME / alias NAME KEY / brand WORD lines (see the file)."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "company" and len(fields) == 3:
                COMPANY_CANONICAL[fields[1]] = fields[2]
            elif fields[0] == "alias" and len(fields) == 3:
                COMPANY_ALIASES[fields[1]] = fields[2]
            elif fields[0] == "brand" and len(fields) == 2:
                COMPANY_BRAND_FIRST_WORDS.add(fields[1])
            else:
                die("%s:%d: not a company, alias or brand line" % (path, lineno))


def company_alias(folded):
    """An alias, or a canonical key followed by "com" ("salesforcecom")."""
    if folded in COMPANY_ALIASES:
        return COMPANY_ALIASES[folded]
    if len(folded) > 3 and folded.endswith("com") and folded[:-3] in COMPANY_CANONICAL:
        return folded[:-3]
    return None


# Pay basis of each source's amounts (atlas-pay-basis.c): "base" or "total";
# empty where the source does not say.
PAY_BASIS = {
    "h1b-2012": "base", "h1b-2015": "base", "levels": "total",
}

# levels.fyi: no dates; the submissions span 2017-2021.  Figures carry the
# period, and the last year converts them (as the app converts its records).
LEVELS_YEAR_FROM, LEVELS_YEAR = 2017, 2021
# Half-open bands of years of experience, as the app's default.
EXPERIENCE_BANDS = [0, 2, 5, 10, 15]

# Histograms for the distribution chart (data/default-bins.csv): counts of
# rows per fixed pay range, never the rows.  Ranges are BIN_WIDTH_USD wide
# from 0 to BIN_TOP_USD in the source's USD, one open range above; adjacent
# ranges merge until each holds MIN_N rows.  Only
# levels.fyi is binned: it is the one source with both the US and India on
# one basis, and its figures already convert at the last year of its period
# (a pooled aijobs histogram has no year to convert its edges at).
BIN_WIDTH_USD = 10_000
BIN_TOP_USD = 1_000_000
BIN_COLUMNS = [
    "source", "region", "role_family", "pay_basis", "currency", "year_from", "year",
    "lo", "hi", "n", "licence", "retrieved",
]

SOURCES = {
    "aijobs": {
        "name": "aijobs.net salary survey 2025-01-19 (aggregates)",
        "file": "aijobs-salaries-2025-01-19.csv",
        "format": "aijobs",
        "url": "https://github.com/foorilla/ai-jobs-net-salaries/blob/"
               "9c225876510af8fbdabdb7ca39d1a6d44be0072b/salaries.csv",
        "licence": "CC0-1.0",
        "attribution": "aijobs.net salary survey (https://aijobs.net/salaries/), "
                       "snapshot of 2025-01-19 (foorilla/ai-jobs-net-salaries "
                       "commit 9c22587)",
        "retrieved_at": "2025-01-19",
        "citation": "aijobs.net salaries survey, salaries.csv snapshot of 2025-01-19 "
                    "(CC0 1.0); aggregates computed by Salary Atlas",
    },
    "h1b-2012": {
        "name": "H-1B LCA software filings 2012-2013 via h1bdata.info (aggregates)",
        "file": "h1b-2012-2016-sample.csv",
        "format": "h1b",
        "url": "https://github.com/Swizec/h1b-software-salaries/blob/"
               "f27718a62b70f45119c319c82b0ceb211ce78447/public/data/"
               "h1bs-2012-2016-shortened.csv",
        "licence": "Public domain (US DOL OFLC LCA disclosure data)",
        "attribution": "US Department of Labor OFLC H-1B LCA disclosures, republished "
                       "by h1bdata.info, filtered by 'software' in "
                       "Swizec/h1b-software-salaries",
        "retrieved_at": "2016-12-18",
        "citation": "US DOL OFLC H-1B LCA disclosure data via h1bdata.info "
                    "('software' filter, first 4,999 filings of 2012-2013) in "
                    "Swizec/h1b-software-salaries; aggregates computed by Salary Atlas",
    },
    "h1b-2015": {
        "name": "H-1B LCA data and ML filings 2015-2019 via h1bdata.info (aggregates)",
        "file": "h1b-data-jobs-2015-2019.csv",
        "format": "h1b",
        "url": "https://github.com/krystinli/ds_salary_h1b/blob/"
               "ae42386282c5e9a0e1e7e89505d570a2f79ee23f/Data_Jobs.csv",
        "licence": "Unclear compilation of public-domain US DOL facts; "
                   "aggregates with citation only",
        "attribution": "US Department of Labor OFLC H-1B LCA disclosures, republished "
                       "by h1bdata.info, compiled in krystinli/ds_salary_h1b "
                       "(Data_Jobs.csv)",
        "retrieved_at": "2020-02-09",
        "citation": "US DOL OFLC H-1B LCA disclosure data via h1bdata.info (data "
                    "and ML job titles, 2015-2019) in krystinli/ds_salary_h1b; "
                    "aggregates computed by Salary Atlas",
    },
    "glassdoor-in": {
        "name": "Glassdoor India software salaries 2022 (aggregates)",
        "file": "india-software-salaries-2022-glassdoor.csv",
        "format": "glassdoor-in",
        "url": "https://www.kaggle.com/datasets/iamsouravbanerjee/"
               "software-professional-salaries-2022",
        "licence": "Unclear (collated from Glassdoor India); aggregates with "
                   "citation only",
        "attribution": "Glassdoor India salary reports collated by Sourav Banerjee "
                       "(Kaggle, 'Software Professional Salaries 2022', July 2022), "
                       "mirrored in Tasneem-417/salaries-information commit cc42e27",
        "retrieved_at": "2022-07",
        "citation": "Glassdoor India salary reports, software roles, 2022, as "
                    "collated in Kaggle 'Software Professional Salaries 2022' "
                    "(Sourav Banerjee); aggregates computed by Salary Atlas",
    },
    "levels": {
        "name": "levels.fyi salary submissions 2017-2021 (aggregates)",
        "file": "levels-fyi-stem-salaries-2017-2021.csv",
        "format": "levels-fyi",
        "url": "https://github.com/jotaka1979/DataSets/blob/"
               "0d9e3c53af9b577a45d7f0264328b2c6385c4056/Levels_Fyi_Salary_Data.csv",
        "licence": "Unclear (levels.fyi submissions republished on Kaggle); aggregates "
                   "with citation only",
        "attribution": "levels.fyi public salary submissions 2017-2021, as republished "
                       "in Kaggle 'Data Science and STEM Salaries' and mirrored in "
                       "jotaka1979/DataSets commit 0d9e3c5",
        "retrieved_at": "2025-05-27",
        "citation": "levels.fyi salary submissions 2017-2021 (total yearly compensation), "
                    "via Kaggle 'Data Science and STEM Salaries' (jotaka1979/DataSets); "
                    "aggregates computed by Salary Atlas",
    },
    "in-figures": {
        "name": "Published salary figures for Indian employers (before 2025-12)",
        "file": "india-data-science-salaries-ambitionbox-style.csv",
        "format": "in-figures",
        "url": "https://github.com/SANJANA-DHAGE05/Data_Science_Jobs_in_India/blob/"
               "29266c2/data/raw/Data_Science_Jobs_in_India.csv",
        "licence": "Unclear: publisher not stated; aggregates with citation only",
        "attribution": "Average, range and number of salaries per Indian employer and "
                       "data/ML title, in the shape of an Indian salary aggregator's "
                       "company pages; publisher and date not stated (collected before "
                       "2025-12), via SANJANA-DHAGE05/Data_Science_Jobs_in_India",
        "retrieved_at": "2025-12-05",
        "citation": "Published salary figures for Indian employers (publisher and date "
                    "not stated, collected before 2025-12), via "
                    "SANJANA-DHAGE05/Data_Science_Jobs_in_India",
    },
    "simplilearn": {
        "name": "Glassdoor figures quoted by Simplilearn (2024)",
        "file": None,
        "format": "quoted",
        "url": "",
        "licence": "Quoted figure (fair use citation)",
        "attribution": "Glassdoor, as quoted in Simplilearn's 2024 career video "
                       "\"How to become a machine learning engineer in 2024\"",
        "retrieved_at": "2024",
        "citation": "Glassdoor, as quoted in Simplilearn, \"How to become a machine "
                    "learning engineer in 2024\" (video, 2024)",
    },
    "fx-ppp": {
        "name": "World Bank WDI exchange rates and PPP factors (IN, US 2020-2024)",
        "file": "fx-ppp.csv",
        "format": "fx-ppp",
        "url": "https://data.worldbank.org/indicator/PA.NUS.PRVT.PP",
        "licence": "CC-BY-4.0",
        "attribution": "World Bank World Development Indicators: PA.NUS.FCRF (official "
                       "exchange rate, period average) and PA.NUS.PRVT.PP (PPP "
                       "conversion factor, private consumption); the 2024 PPP value is "
                       "rounded, from a third-party republication of the series",
        # The shared fx-ppp.csv does not record when the values were read.
        "retrieved_at": "",
        "citation": "World Bank WDI PA.NUS.FCRF and PA.NUS.PRVT.PP",
    },
}

FIGURE_COLUMNS = [
    "uid", "source", "kind", "role_family", "job_title", "country", "company",
    "experience", "year", "currency", "n", "p25", "median", "p75", "mean",
    "statistic", "citation", "url", "licence", "retrieved", "note",
    "pay_basis", "min", "max", "years_min", "years_max", "year_from",
]
SOURCE_COLUMNS = [
    "name", "kind", "format", "url", "licence", "attribution", "retrieved_at",
    "content_sha256",
]
EXPERIENCE_LEVELS = ["EN", "MI", "SE", "EX"]


def die(message):
    print("curate-default-dataset: " + message, file=sys.stderr)
    sys.exit(1)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def readme_hashes(readme_path):
    """The sha256 that the data README states for each file, by file name."""
    hashes = {}
    current = None
    with open(readme_path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^## (\S+\.csv)\s*$", line)
            if m:
                current = m.group(1)
                continue
            m = re.search(r"\*\*sha256:\*\*\s*`([0-9a-f]{64})`", line)
            if m and current:
                hashes[current] = m.group(1)
    return hashes


def verify(shared, name, hashes):
    path = os.path.join(shared, name)
    if not os.path.exists(path):
        die("missing source file %s" % path)
    actual = sha256_of(path)
    expected = hashes.get(name)
    if expected is None:
        # fx-ppp.csv has no hash in the README; it is shipped as a copy.
        return actual
    if actual != expected:
        die("%s: sha256 %s differs from the README's %s; the file changed, "
            "refusing to compute figures from it" % (path, actual, expected))
    return actual


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- role families -------------------------------------------------------

class RoleRules:
    """FAMILY<TAB>pattern lines, first match wins, case-insensitive substring
    on word boundaries, '#' starts a comment, '=FAMILY' lines only declare
    the display order.  Unmatched titles are Other."""

    # The same matching as app/core/atlas-roles.c: the pattern must occur in
    # the case-folded title with no word character on either side, where a
    # word character is an ASCII letter or digit or any non-ASCII character.
    WORD = "0-9A-Za-z\u0080-\U0010FFFF"

    def __init__(self, path):
        self.rules = []
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                # "=FAMILY" lines only list the families in display order.
                if not line or line.startswith("#") or line.startswith("="):
                    continue
                if "\t" not in line:
                    die("%s:%d: expected FAMILY<TAB>pattern" % (path, lineno))
                family, pattern = line.split("\t", 1)
                family, pattern = family.strip(), pattern.strip()
                if not family or not pattern:
                    die("%s:%d: empty family or pattern" % (path, lineno))
                regex = re.compile("(?<![%s])%s(?![%s])" % (self.WORD, re.escape(pattern.casefold()),
                                                            self.WORD))
                self.rules.append((family, regex))

    def classify(self, title):
        folded = title.casefold()
        for family, regex in self.rules:
            if regex.search(folded):
                return family
        return "Other"


# --- statistics ----------------------------------------------------------

def percentile(sorted_values, p):
    """Linear interpolation between closest ranks, h = (n-1)p: the default
    of numpy.percentile and pandas.quantile."""
    n = len(sorted_values)
    h = (n - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, n - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def summarise(values):
    values = sorted(values)
    return {
        "n": len(values),
        "p25": percentile(values, 0.25),
        "median": percentile(values, 0.5),
        "p75": percentile(values, 0.75),
        "mean": math.fsum(values) / len(values),
    }


def fmt(x):
    if x is None or x == "":
        return ""
    return "%.2f" % x


# --- company names -------------------------------------------------------

def company_key(raw):
    """The app's company key for @raw, or None when it is not an employer."""
    words, word = [], []
    for ch in unicodedata.normalize("NFKD", raw) + "\0":
        if ch != "\0" and unicodedata.category(ch).startswith("M"):
            continue
        if ch in ".'\u2019\u2018\u00b4":
            continue
        if ch != "\0" and ch.isalnum():
            word.append(ch.lower())
            continue
        if word:
            if "".join(word) != "and":
                words.append("".join(word))
            word = []
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    if not words:
        return None
    full = " ".join(words)
    if full in COMPANY_NOT_EMPLOYERS:
        return None
    if company_alias(full):
        return company_alias(full)
    # "Bank of America" and "Bank of India" keep their last word.
    while len(words) > 1 and words[-1] in COMPANY_TRAILING_WORDS and words[-2] != "of":
        words.pop()
    joined = " ".join(words)
    if company_alias(joined):
        return company_alias(joined)
    if words[0] in COMPANY_BRAND_FIRST_WORDS:
        return company_alias(words[0]) or words[0]
    return joined


def most_common_spelling(names):
    counts = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


# --- figures -------------------------------------------------------------

def figure(source_id, uid_parts, values, **fields):
    src = SOURCES[source_id]
    stats = summarise(values)
    row = {
        "uid": ":".join([source_id] + [p if p else "*" for p in uid_parts]),
        "source": src["name"],
        "kind": "aggregate",
        "role_family": "",
        "job_title": "",
        "country": "",
        "company": "",
        "experience": "",
        "year": "",
        "currency": "",
        "n": str(stats["n"]),
        "p25": fmt(stats["p25"]),
        "median": fmt(stats["median"]),
        "p75": fmt(stats["p75"]),
        "mean": fmt(stats["mean"]),
        "statistic": "median",
        "citation": src["citation"],
        "url": src["url"],
        "licence": src["licence"],
        "retrieved": src["retrieved_at"],
        "note": "",
        "pay_basis": PAY_BASIS.get(source_id, ""),
        "min": "",
        "max": "",
        "years_min": "",
        "years_max": "",
        "year_from": "",
    }
    row.update(fields)
    return row


def aijobs_figures(rows, roles, factors):
    """Role family x country (employee_residence) x level, plus all levels;
    full-time rows only, USD from salary_in_usd.  For the countries that
    fx-ppp.csv covers (IN, US) also in local currency and in international
    dollars, each row converted on its own (see convert_row); a pooled USD
    figure has no year, so the app could not convert it afterwards."""
    out = []
    groups = {}
    years = {}
    left_out = {}
    paid_local = {}
    for r in rows:
        if r["employment_type"] != "FT":
            continue
        family = roles.classify(r["job_title"])
        country = r["employee_residence"]
        year = int(r["work_year"])
        converted = []
        if country in PPP_COUNTRIES:
            amounts = convert_row(factors, country, year, int(r["salary"]),
                                  r["salary_currency"], int(r["salary_in_usd"]))
            if amounts is None:
                for key in [(family, country, r["experience_level"]), (family, country, ""),
                            ("", country, r["experience_level"])]:
                    left_out.setdefault(key, []).append(year)
            else:
                # The US's local currency is the USD of the figure above.
                if LOCAL_CURRENCY[country] != "USD":
                    converted.append((LOCAL_CURRENCY[country], amounts[0]))
                converted.append(("intl$", amounts[1]))
        keys = [(family, country, level) for level in (r["experience_level"], "")]
        if country in PPP_COUNTRIES:
            # All roles (no family) per level, for IN and US.
            keys.append(("", country, r["experience_level"]))
        for key in keys:
            if converted and r["salary_currency"] == LOCAL_CURRENCY[country]:
                paid_local[key] = paid_local.get(key, 0) + 1
            for currency, amount in [("USD", int(r["salary_in_usd"]))] + converted:
                groups.setdefault((currency, key), []).append(amount)
                years.setdefault((currency, key), []).append(year)

    def note(currency, key):
        ys = years[(currency, key)]
        share = {}
        for y in ys:
            share[y] = share.get(y, 0) + 1
        top = max(sorted(share), key=lambda y: share[y])
        amount = AIJOBS_AMOUNT[(currency, None if currency == "USD" else key[1])]
        amount %= {"paid": paid_local.get(key, 0)}
        text = ("Self-reported survey, full-time only, country = employee_residence, "
                "%s; work_year %d-%d pooled (%d of %d from %d)."
                % (amount, min(ys), max(ys), share[top], len(ys), top))
        if currency != "USD":
            text += " " + conversion_note(left_out.get(key, []))
        return text

    for currency in ("USD", "INR", "intl$"):
        keys = [k for (c, k) in groups if c == currency]
        for key in sorted(keys, key=lambda k: (k[1], k[0], level_order(k[2]))):
            values = groups[(currency, key)]
            if len(values) < AIJOBS_MIN_N:
                continue
            family, country, level = key
            # A level's figure carries the period of its rows, so that a
            # year filter keeps it when the period overlaps (the all-level
            # figures stay undated: a trend would count them as a year's).
            period = {}
            if level:
                ys = years[(currency, key)]
                period = {"year": str(max(ys)), "year_from": str(min(ys))}
            out.append(figure("aijobs", [country, family, level, currency], values,
                              role_family=family, country=country, experience=level,
                              currency=currency, note=note(currency, key), **period))
    return out


def aijobs_year_figures(rows, roles):
    """Per work_year, for IN and US (employee_residence), all roles and per
    role family, in USD from salary_in_usd: the trend, and what a year
    filter keeps of this source."""
    groups = {}
    for r in rows:
        if r["employment_type"] != "FT" or r["employee_residence"] not in PPP_COUNTRIES:
            continue
        family = roles.classify(r["job_title"])
        for fam in ("", family):
            key = (r["employee_residence"], fam, int(r["work_year"]))
            groups.setdefault(key, []).append(int(r["salary_in_usd"]))
    out = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        values = groups[key]
        if len(values) < AIJOBS_MIN_N:
            continue
        country, family, year = key
        out.append(figure("aijobs", [country, family, "year%d" % year, "USD"], values,
                          role_family=family, country=country, year=str(year), currency="USD",
                          note="Self-reported survey, full-time only, country = "
                               "employee_residence, salary_in_usd; work_year %d only." % year))
    return out


def levels_country(location):
    """US for "City, ST", IN for "..., India", else None (as the app)."""
    parts = [p.strip() for p in location.split(",")]
    if len(parts) == 2 and len(parts[1]) == 2:
        return "US"
    if len(parts) >= 3 and parts[-1] == "India":
        return "IN"
    return None


def band_of(years):
    band = None
    for i, start in enumerate(EXPERIENCE_BANDS):
        if years >= start:
            band = i
    return band


def levels_figures(rows, roles):
    """US and IN: all roles and per family, per band of years of experience
    ([0,2) [2,5) [5,10) [10,15) [15,inf)), and per company; total yearly
    compensation in USD.  Software engineers tagged ML / AI are in the
    machine-learning family, as the app's importer puts them."""
    groups = {}
    spellings = {}
    for r in rows:
        country = levels_country(r["location"])
        if country is None:
            continue
        family = roles.classify(r["title"])
        if r["title"] == "Software Engineer" and r["tag"].replace(" ", "").lower() == "ml/ai":
            family = "Machine Learning Engineer"
        amount = float(r["totalyearlycompensation"])
        band = band_of(float(r["yearsofexperience"]))
        key = company_key(r["companyd"])
        for fam in ("", family):
            groups.setdefault((country, fam, "", None), []).append(amount)
            groups.setdefault((country, fam, "", band), []).append(amount)
            if key is not None:
                spellings.setdefault(key, []).append(r["companyd"].strip())
                groups.setdefault((country, fam, key, None), []).append(amount)
    note = ("levels.fyi submissions, total yearly compensation in USD (base + stock + bonus) "
            "as submitted; no dates: %d-%d pooled and converted at %d rates; US = 'City, ST' "
            "locations, IN = locations in India." % (LEVELS_YEAR_FROM, LEVELS_YEAR, LEVELS_YEAR))
    out = []
    for gkey in sorted(groups, key=lambda k: (k[0], k[1], k[2], -1 if k[3] is None else k[3])):
        values = groups[gkey]
        country, family, key, band = gkey
        if len(values) < (LEVELS_FAMILY_MIN_N if family else MIN_N):
            continue
        fields = dict(role_family=family, country=country, year=str(LEVELS_YEAR),
                      year_from=str(LEVELS_YEAR_FROM), currency="USD", note=note)
        uid = [country, family, key]
        if band is not None:
            start = EXPERIENCE_BANDS[band]
            end = EXPERIENCE_BANDS[band + 1] if band + 1 < len(EXPERIENCE_BANDS) else None
            fields["years_min"] = str(start)
            fields["years_max"] = str(end) if end is not None else ""
            uid.append("years%d-%s" % (start, end if end is not None else ""))
        if key:
            fields["company"] = COMPANY_CANONICAL.get(key, most_common_spelling(spellings[key]))
        out.append(figure("levels", uid + ["USD"], values, **fields))
    return out


def levels_bins(rows, roles):
    """US and IN, all roles and per family: how many levels.fyi rows fall in
    each range [lo, hi) of total yearly compensation in USD (the last range
    open), with the same rows, countries and families as levels_figures().
    Ranges with fewer than MIN_N rows are merged with their neighbours (see
    below), so no range is a few people in disguise; empty ranges between
    are spanned, not written; a region or family with fewer than MIN_N rows
    is not binned at all."""
    src = SOURCES["levels"]
    counts = {}
    for r in rows:
        country = levels_country(r["location"])
        if country is None:
            continue
        family = roles.classify(r["title"])
        if r["title"] == "Software Engineer" and r["tag"].replace(" ", "").lower() == "ml/ai":
            family = "Machine Learning Engineer"
        amount = float(r["totalyearlycompensation"])
        index = min(int(amount // BIN_WIDTH_USD), BIN_TOP_USD // BIN_WIDTH_USD)
        for fam in ("", family):
            group = counts.setdefault((country, fam), {})
            group[index] = group.get(index, 0) + 1
    top = BIN_TOP_USD // BIN_WIDTH_USD
    out = []
    for country, fam in sorted(counts):
        group = counts[(country, fam)]
        if sum(group.values()) < MIN_N:
            continue
        # Adjacent ranges merge, from the bottom up, until each holds at
        # least MIN_N rows; a short remainder at the top joins the last one.
        merged = []
        start, n = None, 0
        for index in sorted(group):
            if start is None:
                start = index
            n += group[index]
            if n >= MIN_N:
                merged.append([start, index, n])
                start, n = None, 0
        if start is not None:
            merged[-1][1] = max(group)
            merged[-1][2] += n
        for first, last, n in merged:
            out.append({
                "source": src["name"], "region": country, "role_family": fam,
                "pay_basis": PAY_BASIS["levels"], "currency": "USD",
                "year_from": str(LEVELS_YEAR_FROM), "year": str(LEVELS_YEAR),
                "lo": str(first * BIN_WIDTH_USD),
                "hi": "" if last >= top else str((last + 1) * BIN_WIDTH_USD),
                "n": str(n), "licence": src["licence"],
                "retrieved": src["retrieved_at"],
            })
    return out


def lakh(text):
    text = text.strip()
    if text.endswith("L"):
        return round(float(text[:-1]) * 100000)
    return round(float(text))


def in_figures(rows, roles):
    """Every row is a published figure: an employer's average for a title,
    with the range and number of salaries behind it and their minimum years
    of experience, in INR.  No year: the publisher and date are unknown."""
    src = SOURCES["in-figures"]
    out = []
    seen = set()
    for r in rows:
        key = company_key(r["company_name"])
        if key is None:
            continue
        uid = "in-figures:IN:%s:%s" % (key, r["job_title"])
        if uid in seen:
            # Two pages of one employer ("EXL Service", "Exl India"): two figures.
            uid += ":" + r["company_name"]
        if uid in seen:
            die("two figures for %s" % uid)
        seen.add(uid)
        row = {c: "" for c in FIGURE_COLUMNS}
        row.update({
            "uid": uid, "source": src["name"], "kind": "published",
            "role_family": roles.classify(r["job_title"]), "job_title": r["job_title"],
            "country": "IN", "company": r["company_name"], "currency": "INR",
            "n": r["num_of_salaries"], "mean": fmt(lakh(r["avg_salary"])), "statistic": "mean",
            "min": fmt(lakh(r["min_salary"])), "max": fmt(lakh(r["max_salary"])),
            "years_min": r["min_experience"], "citation": src["citation"], "url": src["url"],
            "licence": src["licence"], "retrieved": src["retrieved_at"],
            "note": "Published average, range of the reports and number of salaries; "
                    "minimum %s years of experience; publisher and date not stated."
                    % r["min_experience"],
        })
        out.append(row)
    return out


def convert_row(factors, country, year, salary, salary_currency, salary_in_usd):
    """One aijobs row as (local amount, international dollars), the way
    atlas_rates_convert() converts a record: the local amount is the salary
    itself when it was paid in the local currency, else the row's own USD
    amount times the local currency's units per USD of the row's work year;
    international dollars are the local amount divided by the country's PPP
    factor of that year.  None when the year has no factor."""
    local = LOCAL_CURRENCY[country]
    fx = factors["fx"].get((local, year))
    ppp = factors["ppp"].get((country, year))
    if fx is None or ppp is None:
        return None
    amount = float(salary) if salary_currency == local else salary_in_usd * fx
    return amount, amount / ppp


def conversion_note(excluded_years):
    text = ("Converted per row with World Bank WDI PA.NUS.FCRF/PA.NUS.PRVT.PP of each "
            "row's work year; ")
    if not excluded_years:
        return text + "no row lacked a factor."
    years = sorted(set(excluded_years))
    return text + "%d rows of %s left out: no factor." % (
        len(excluded_years), ", ".join(str(y) for y in years))


def level_order(level):
    return EXPERIENCE_LEVELS.index(level) + 1 if level else 0


def company_figures(source_id, records, country, currency, year, note_fn):
    """records: (raw_company, family, amount, year).  Per company (all roles)
    and per company x family, plus all companies per family and overall."""
    by_company = {}
    spellings = {}
    for raw, family, amount, _ in records:
        key = company_key(raw)
        by_company.setdefault(("", family), []).append(amount)
        by_company.setdefault(("", ""), []).append(amount)
        if key is None:
            continue
        spellings.setdefault(key, []).append(raw)
        by_company.setdefault((key, ""), []).append(amount)
        if family != "Other":
            by_company.setdefault((key, family), []).append(amount)

    out = []
    for (key, family) in sorted(by_company):
        values = by_company[(key, family)]
        if len(values) < MIN_N:
            continue
        display = most_common_spelling(spellings[key]) if key else ""
        note = note_fn(key, family)
        if key:
            note += " Company key %s (%d spellings)." % (key, len(set(spellings[key])))
        out.append(figure(source_id, [country, key, family, currency], values,
                          role_family=family, country=country, company=display,
                          year=year, currency=currency, note=note))
    return out


def h1b_2012_figures(rows, roles):
    records = []
    for r in rows:
        if r["case status"] != "certified":
            continue
        family = roles.classify(r["job title"])
        year = int(r["submit date"][-4:])
        records.append((r["employer"], family, int(r["base salary"]), year))
    years = sorted({rec[3] for rec in records})

    def note(key, family):
        return ("Employer-attested offered base wage on certified H-1B LCAs, "
                "%d-%d, 'software' search; not total pay; visa workers only."
                % (years[0], years[-1]))

    return company_figures("h1b-2012", records, "US", "USD", "", note)


def h1b_2015_figures(rows, roles):
    records = []
    for r in rows:
        family = roles.classify(r["title"])
        records.append((r["company"], family, float(r["salary"]), int(r["year"])))
    years = sorted({rec[3] for rec in records})

    def note(key, family):
        return ("Employer-attested offered base wage on H-1B LCAs, data and ML "
                "titles, %d-%d; not total pay; visa workers only." % (years[0], years[-1]))

    return company_figures("h1b-2015", records, "US", "USD", "", note)


def glassdoor_figures(rows, roles, factors):
    records = []
    for r in rows:
        salary = int(r["Salary"])
        title = r["Job Title"]
        if r["Employment Status"] in GLASSDOOR_EXCLUDED_STATUS:
            continue
        if re.search(r"(?<![A-Za-z])intern(?![A-Za-z])", title, re.IGNORECASE):
            continue
        if salary < GLASSDOOR_MIN_INR or salary > GLASSDOOR_MAX_INR:
            continue
        key = company_key(r["Company Name"])
        if key is None or key in GLASSDOOR_PLACEHOLDERS:
            continue
        records.append((r["Company Name"], roles.classify(title), salary, 2022))

    def note(key, family):
        return ("Glassdoor-reported, software roles, 2022; n = Glassdoor rows; "
                "interns, trainees, < 1 lakh and > 1 crore INR excluded; no level.")

    out = company_figures("glassdoor-in", records, "IN", "INR", "2022", note)

    # The same groups in USD and international dollars, each row divided by
    # the 2022 factor (every row is of 2022, so no row lacks one).
    fx = factors["fx"][("INR", 2022)]
    ppp = factors["ppp"][("IN", 2022)]
    for currency, factor, series in (("USD", fx, "PA.NUS.FCRF"),
                                     ("intl$", ppp, "PA.NUS.PRVT.PP")):
        text = ("%s Converted per row from INR with World Bank WDI %s of 2022 (%s INR per %s)."
                % (note(None, None), series, factors["text"][(series, "IN", 2022)],
                   "USD" if currency == "USD" else "international dollar"))
        out += company_figures("glassdoor-in",
                               [(raw, family, amount / factor, year)
                                for raw, family, amount, year in records],
                               "IN", currency, "2022", lambda key, family, text=text: text)
    return out


def quoted_figures():
    common = dict(kind="quoted", role_family="Machine Learning Engineer",
                  job_title="Machine Learning Engineer", statistic="mean",
                  year="2024")
    note = ("Headline average quoted in a career video, attributed to Glassdoor; "
            "n, dates and method unknown; the video's URL is not recorded.")
    out = []
    for country, currency, amount in (("US", "USD", 140000.0), ("IN", "INR", 1200000.0)):
        src = SOURCES["simplilearn"]
        row = {c: "" for c in FIGURE_COLUMNS}
        row.update(common)
        row.update({
            "uid": "simplilearn:%s:Machine Learning Engineer:%s" % (country, currency),
            "source": src["name"], "country": country, "currency": currency,
            "mean": fmt(amount), "citation": src["citation"], "url": src["url"],
            "licence": src["licence"], "retrieved": src["retrieved_at"], "note": note,
        })
        out.append(row)
    return out


def fx_ppp_rows(path):
    """The shared fx-ppp.csv, re-quoted.  Its source columns contain commas
    inside parentheses without RFC 4180 quoting, so a row can have more
    fields than the header; a comma inside parentheses is rejoined into its
    field.  The values themselves are copied unchanged, as text."""
    with open(path, encoding="utf-8", newline="") as f:
        raw = list(csv.reader(f))
    header, out = raw[0], []
    for lineno, fields in enumerate(raw[1:], 2):
        joined = []
        for field in fields:
            if joined and joined[-1].count("(") > joined[-1].count(")"):
                joined[-1] += "," + field
            else:
                joined.append(field)
        if len(joined) != len(header):
            die("%s:%d: %d fields after rejoining, header has %d"
                % (path, lineno, len(joined), len(header)))
        out.append(dict(zip(header, joined)))
    return header, out


def conversion_factors(header, rows):
    """fx[(currency, year)] = units per USD, ppp[(country, year)] = units per
    international dollar, and text[(series, country, year)] = the value as
    written, for notes."""
    factors = {"fx": {}, "ppp": {}, "text": {}}
    for r in rows:
        year = int(r["year"])
        fx = r["fx_lcu_per_usd"]
        ppp = r["ppp_private_consumption_lcu_per_intl_dollar"]
        if fx:
            factors["fx"][(r["currency"], year)] = float(fx)
            factors["text"][("PA.NUS.FCRF", r["country"], year)] = fx
        if ppp:
            factors["ppp"][(r["country"], year)] = float(ppp)
            factors["text"][("PA.NUS.PRVT.PP", r["country"], year)] = ppp
    return factors


def write_csv(path, columns, rows):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return path, buf.getvalue()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared-data", default=os.path.join(root, "..", "shared", "data"),
                        help="folder with the source files and their README")
    parser.add_argument("--out-dir", default=os.path.join(root, "data"),
                        help="where to write default-figures.csv and default-sources.csv")
    parser.add_argument("--roles", default=None,
                        help="role-family rules (default: OUT_DIR/role-families.tsv)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the committed files differ")
    args = parser.parse_args()

    shared = os.path.normpath(args.shared_data)
    load_company_table(os.path.join(args.out_dir, "company-aliases.tsv"))
    roles = RoleRules(args.roles or os.path.join(args.out_dir, "role-families.tsv"))
    hashes = readme_hashes(os.path.join(shared, "README.md"))

    digests = {}
    for sid, src in SOURCES.items():
        if src["file"]:
            digests[sid] = verify(shared, src["file"], hashes)

    fx_ppp = fx_ppp_rows(os.path.join(shared, SOURCES["fx-ppp"]["file"]))
    factors = conversion_factors(*fx_ppp)

    figures = []
    figures += quoted_figures()
    aijobs_rows = read_rows(os.path.join(shared, SOURCES["aijobs"]["file"]))
    figures += aijobs_figures(aijobs_rows, roles, factors)
    figures += aijobs_year_figures(aijobs_rows, roles)
    with open(os.path.join(shared, SOURCES["levels"]["file"]), encoding="utf-8", newline="") as f:
        levels_rows = list(csv.DictReader(f, delimiter=";"))
    figures += levels_figures(levels_rows, roles)
    bins = levels_bins(levels_rows, roles)
    figures += in_figures(read_rows(os.path.join(shared, SOURCES["in-figures"]["file"])), roles)
    figures += h1b_2012_figures(read_rows(os.path.join(shared, SOURCES["h1b-2012"]["file"])), roles)
    figures += h1b_2015_figures(read_rows(os.path.join(shared, SOURCES["h1b-2015"]["file"])), roles)
    figures += glassdoor_figures(
        read_rows(os.path.join(shared, SOURCES["glassdoor-in"]["file"])), roles, factors)

    uids = [f["uid"] for f in figures]
    if len(set(uids)) != len(uids):
        die("duplicate figure uids; the grouping is wrong")

    sources = []
    for sid in sorted(SOURCES, key=lambda s: SOURCES[s]["name"]):
        src = SOURCES[sid]
        sources.append({
            "name": src["name"], "kind": "embedded", "format": src["format"],
            "url": src["url"], "licence": src["licence"],
            "attribution": src["attribution"], "retrieved_at": src["retrieved_at"],
            "content_sha256": digests.get(sid, ""),
        })

    outputs = [
        write_csv(os.path.join(args.out_dir, "default-figures.csv"), FIGURE_COLUMNS, figures),
        write_csv(os.path.join(args.out_dir, "default-sources.csv"), SOURCE_COLUMNS, sources),
        write_csv(os.path.join(args.out_dir, "fx-ppp.csv"), *fx_ppp),
        write_csv(os.path.join(args.out_dir, "default-bins.csv"), BIN_COLUMNS, bins),
    ]

    changed = False
    for path, text in outputs:
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                old = f.read()
        if old == text:
            continue
        changed = True
        if args.check:
            print("%s is out of date" % path, file=sys.stderr)
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)

    counts = {}
    for f in figures:
        counts[f["source"]] = counts.get(f["source"], 0) + 1
    for name in sorted(counts):
        print("%5d  %s" % (counts[name], name))
    print("%5d  figures in total" % len(figures))
    print("%5d  histogram ranges" % len(bins))
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
