"""The words for the import's field ids (column mapping, preview), translated in context
"MappingPage"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

FIELD_LABELS = {
    "seq": QT_TRANSLATE_NOOP("MappingPage", "sequence no."),
    "name": QT_TRANSLATE_NOOP("MappingPage", "enterprise name"),
    "former_name": QT_TRANSLATE_NOOP("MappingPage", "former name"),
    "credit_code": QT_TRANSLATE_NOOP("MappingPage", "credit code"),
    "cluster": QT_TRANSLATE_NOOP("MappingPage", "cluster"),
    "district": QT_TRANSLATE_NOOP("MappingPage", "district"),
    "street": QT_TRANSLATE_NOOP("MappingPage", "street"),
    "park": QT_TRANSLATE_NOOP("MappingPage", "park"),
    "industry_code": QT_TRANSLATE_NOOP("MappingPage", "industry code"),
    "legal_rep": QT_TRANSLATE_NOOP("MappingPage", "legal representative"),
    "registered_capital": QT_TRANSLATE_NOOP("MappingPage", "registered capital"),
    "founded_on": QT_TRANSLATE_NOOP("MappingPage", "date founded"),
    "contact_name": QT_TRANSLATE_NOOP("MappingPage", "contact"),
    "contact_phone": QT_TRANSLATE_NOOP("MappingPage", "phone"),
    "listed": QT_TRANSLATE_NOOP("MappingPage", "listing"),
    "revenue": QT_TRANSLATE_NOOP("MappingPage", "revenue"),
    "output": QT_TRANSLATE_NOOP("MappingPage", "industrial output"),
    "employees": QT_TRANSLATE_NOOP("MappingPage", "employees"),
    "above_scale_year": QT_TRANSLATE_NOOP("MappingPage", "year entered statistics"),
    "programs": QT_TRANSLATE_NOOP("MappingPage", "designations (programs)"),
    "year": QT_TRANSLATE_NOOP("MappingPage", "year granted"),
    "batch": QT_TRANSLATE_NOOP("MappingPage", "batch"),
    "product": QT_TRANSLATE_NOOP("MappingPage", "product"),
    "address": QT_TRANSLATE_NOOP("MappingPage", "address"),
    "notes": QT_TRANSLATE_NOOP("MappingPage", "notes"),
    "level": QT_TRANSLATE_NOOP("MappingPage", "level"),
    "valid_from": QT_TRANSLATE_NOOP("MappingPage", "valid from"),
    "valid_until": QT_TRANSLATE_NOOP("MappingPage", "valid until"),
    "certificate_no": QT_TRANSLATE_NOOP("MappingPage", "certificate no."),
}


def field_label(field_id: str) -> str:
    text = FIELD_LABELS.get(field_id)
    return QCoreApplication.translate("MappingPage", text) if text else field_id
