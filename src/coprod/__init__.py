"""coprod: international film and TV co-production agreements, as exact, typed data.

The front door of the library. Everything listed in :data:`__all__` is public API;
modules whose names start with an underscore are not.

Example:
    >>> import coprod
    >>> coprod.Money.parse("100.00 USD") + coprod.Money.parse("0.50 USD")
    Money.parse('100.50 USD')
"""

from coprod._version import __version__
from coprod.errors import (
    CoprodError,
    CurrencyMismatchError,
    DocumentError,
    InvalidValueError,
    Problem,
    SchemaVersionError,
    UnknownReferenceError,
    UnknownTreatyError,
)
from coprod.geo import Country
from coprod.money import Currency, Money, allocate
from coprod.parties import Organisation, OrganisationKind, Party, Person
from coprod.serialization import dump, dumps, load, loads, make_converter
from coprod.share import Share
from coprod.terms import Term, parse_date

_foundation_all = [
    "CoprodError",
    "Country",
    "Currency",
    "CurrencyMismatchError",
    "DocumentError",
    "InvalidValueError",
    "Money",
    "Organisation",
    "OrganisationKind",
    "Party",
    "Person",
    "Problem",
    "SchemaVersionError",
    "Share",
    "Term",
    "UnknownReferenceError",
    "UnknownTreatyError",
    "__version__",
    "allocate",
    "dump",
    "dumps",
    "load",
    "loads",
    "make_converter",
    "parse_date",
]

# --- agreements & treaties
from coprod import treaties  # noqa: E402  (the subpackage: coprod.treaties.get, .applicable)
from coprod.agreements import (  # noqa: E402
    AgreementDates,
    AgreementReferenceError,
    Approval,
    ApprovalKind,
    CoProducer,
    CoProducerRole,
    CoProductionAgreement,
    Contribution,
    ContributionKind,
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
from coprod.findings import Citation, Confidence, Finding, Report, Severity  # noqa: E402
from coprod.treaties import Treaty  # noqa: E402
from coprod.validation import validate  # noqa: E402

_agreements_all: list[str] = [
    "AgreementDates",
    "AgreementReferenceError",
    "Approval",
    "ApprovalKind",
    "Citation",
    "CoProducer",
    "CoProducerRole",
    "CoProductionAgreement",
    "Confidence",
    "Contribution",
    "ContributionKind",
    "CopyrightShare",
    "CreativeRole",
    "ExchangeRate",
    "Finding",
    "KeyPerson",
    "Location",
    "LocationKind",
    "Production",
    "ProductionKind",
    "Provision",
    "Report",
    "Severity",
    "Title",
    "Treaty",
    "treaties",
    "validate",
]

# --- rights & remakes
from coprod.languages import LanguageScope  # noqa: E402
from coprod.media import Media  # noqa: E402
from coprod.remakes import RemakeLicense, RemakePlan, SourceWork, check_remake  # noqa: E402
from coprod.rights import (  # noqa: E402
    Availability,
    AvailabilityQuery,
    Conflict,
    Holdback,
    MatchType,
    Ownership,
    RightsGrant,
    RightsLedger,
)
from coprod.territories import Territories, TerritorySet  # noqa: E402
from coprod.windows import Window  # noqa: E402

_rights_all: list[str] = [
    "Availability",
    "AvailabilityQuery",
    "Conflict",
    "Holdback",
    "LanguageScope",
    "MatchType",
    "Media",
    "Ownership",
    "RemakeLicense",
    "RemakePlan",
    "RightsGrant",
    "RightsLedger",
    "SourceWork",
    "Territories",
    "TerritorySet",
    "Window",
    "check_remake",
]

# --- waterfall
from coprod.waterfall import (  # noqa: E402
    Distribution,
    RateTable,
    Receipt,
    Waterfall,
    WaterfallState,
    distribute,
)

_waterfall_all: list[str] = [
    "Distribution",
    "RateTable",
    "Receipt",
    "Waterfall",
    "WaterfallState",
    "distribute",
]

__all__ = sorted(_foundation_all + _agreements_all + _rights_all + _waterfall_all)
