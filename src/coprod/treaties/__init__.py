"""The treaty catalogue: co-production instruments as data, with citations.

Each instrument is one :class:`~coprod.Treaty` loaded from a data file in
``coprod/treaties/catalogue/``; every value in it carries its article (or "unknown"), its
sources and their confidence. :func:`get` finds an instrument by id (case-insensitive,
countries in any order), :func:`all` lists them, and :func:`applicable` says which governs a
co-production between given states on a date, and why.

Precedence implemented by :func:`applicable` (see :doc:`/explanation/treaties`):

1. three or more states bound by one closed multilateral agreement: that agreement;
2. three or more states: a convention (ETS 147 Art. 2(3)); CETS 220 only when no state in the
   co-production is bound solely by the 1992 Convention (CNC Romania; Eurimages regulations
   art. 2.3.1/2.3.2), otherwise ETS 147;
3. two states with a bilateral agreement: that agreement (between Parties to the 1992
   Convention, ETS 147 Art. 2(3));
4. two states without one: a convention as the bilateral framework (ETS 147 Art. 2(4),
   CETS 220 Art. 2);
5. otherwise a bilateral agreement admitting the other states as third-country partners,
   or none.

Example:
    >>> from coprod import treaties
    >>> treaties.get("ru-cn-2017").title
    'Agreement between the Government of the Russian Federation and the Government of the
    People\u2019s Republic of China on cooperation in joint film production'
    >>> treaties.applicable(["RU", "CN"], on="2024-06-01")[0].basis.value
    'bilateral-treaty'

.. versionadded:: 0.1.0

"""

from coprod.treaties._applicable import Applicability, Basis, applicable
from coprod.treaties._model import (
    UNKNOWN,
    Amendment,
    Bound,
    CompetentAuthority,
    Param,
    Source,
    StateParty,
    StateStatus,
    Treaty,
    TreatyKind,
    Unknown,
)
from coprod.treaties._registry import (
    INSTRUMENTS_GROUP,
    RULE_KINDS_GROUP,
    all,
    canonical_id,
    get,
    register_instrument,
    register_rule_kind,
    rule_kinds,
    unregister_instrument,
)
from coprod.treaties.rules import Rule, RuleContext

__all__ = [
    "INSTRUMENTS_GROUP",
    "RULE_KINDS_GROUP",
    "UNKNOWN",
    "Amendment",
    "Applicability",
    "Basis",
    "Bound",
    "CompetentAuthority",
    "Param",
    "Rule",
    "RuleContext",
    "Source",
    "StateParty",
    "StateStatus",
    "Treaty",
    "TreatyKind",
    "Unknown",
    "all",
    "applicable",
    "canonical_id",
    "get",
    "register_instrument",
    "register_rule_kind",
    "rule_kinds",
    "unregister_instrument",
]
