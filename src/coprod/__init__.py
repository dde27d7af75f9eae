"""coprod: international film and TV co-production agreements, as exact, typed data.

The front door of the library. Everything listed in :data:`__all__` is public API;
modules whose names start with an underscore are not.

Example:
    >>> import coprod
    >>> coprod.Money.parse("100.00 USD") + coprod.Money.parse("0.50 USD")
    Money.parse('100.50 USD')
"""

from coprod import treaties
from coprod._version import __version__
from coprod.agreements import (
    AgreementDates,
    AgreementReferenceError,
    Approval,
    ApprovalKind,
    Contribution,
    ContributionKind,
    CoProducer,
    CoProducerRole,
    CoProductionAgreement,
    CopyrightShare,
    CreativeRole,
    ExchangeRate,
    KeyPerson,
    Location,
    LocationKind,
    Production,
    ProductionKind,
    Provision,
    Title,
)
from coprod.errors import (
    CoprodError,
    CurrencyMismatchError,
    DocumentError,
    InvalidValueError,
    MissingDependencyError,
    Problem,
    SchemaVersionError,
    UnknownReferenceError,
    UnknownTreatyError,
)
from coprod.findings import Citation, Confidence, Finding, Report, Severity
from coprod.geo import Country
from coprod.languages import LanguageScope
from coprod.media import Media
from coprod.money import Currency, Money, allocate
from coprod.parties import Organisation, OrganisationKind, Party, Person
from coprod.remakes import RemakeLicense, RemakePlan, SourceWork, check_remake
from coprod.rights import (
    Availability,
    AvailabilityQuery,
    Conflict,
    Holdback,
    MatchType,
    Ownership,
    RightsGrant,
    RightsLedger,
)
from coprod.serialization import dump, dumps, load, loads, make_converter
from coprod.share import Share
from coprod.terms import Term, parse_date
from coprod.territories import Territories, TerritorySet
from coprod.treaties import Treaty
from coprod.validation import validate
from coprod.waterfall import (
    Distribution,
    RateTable,
    Receipt,
    Waterfall,
    WaterfallState,
    distribute,
)
from coprod.windows import Window

__all__ = [
    "AgreementDates",
    "AgreementReferenceError",
    "Approval",
    "ApprovalKind",
    "Availability",
    "AvailabilityQuery",
    "Citation",
    "CoProducer",
    "CoProducerRole",
    "CoProductionAgreement",
    "Confidence",
    "Conflict",
    "Contribution",
    "ContributionKind",
    "CoprodError",
    "CopyrightShare",
    "Country",
    "CreativeRole",
    "Currency",
    "CurrencyMismatchError",
    "Distribution",
    "DocumentError",
    "ExchangeRate",
    "Finding",
    "Holdback",
    "InvalidValueError",
    "KeyPerson",
    "LanguageScope",
    "Location",
    "LocationKind",
    "MatchType",
    "Media",
    "MissingDependencyError",
    "Money",
    "Organisation",
    "OrganisationKind",
    "Ownership",
    "Party",
    "Person",
    "Problem",
    "Production",
    "ProductionKind",
    "Provision",
    "RateTable",
    "Receipt",
    "RemakeLicense",
    "RemakePlan",
    "Report",
    "RightsGrant",
    "RightsLedger",
    "SchemaVersionError",
    "Severity",
    "Share",
    "SourceWork",
    "Term",
    "Territories",
    "TerritorySet",
    "Title",
    "Treaty",
    "UnknownReferenceError",
    "UnknownTreatyError",
    "Waterfall",
    "WaterfallState",
    "Window",
    "__version__",
    "allocate",
    "check_remake",
    "distribute",
    "dump",
    "dumps",
    "load",
    "loads",
    "make_converter",
    "parse_date",
    "treaties",
    "validate",
]
