"""SQLAlchemy 2.x typed models of the registry.

Enterprises with their name history and yearly figures; the program catalog; designations with
their counting window (derived from the counting rules when written, so counts are one indexed
SQL comparison); plan periods and targets; import batches with the changes needed to undo them;
and the audit log. Editable records carry a version for optimistic locking.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Enterprise(Base):
    __tablename__ = "enterprise"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_norm: Mapped[str] = mapped_column(String(200), index=True)
    cluster: Mapped[str | None] = mapped_column(String(40), index=True)
    district: Mapped[str | None] = mapped_column(String(60))
    street: Mapped[str | None] = mapped_column(String(60), index=True)
    park: Mapped[str | None] = mapped_column(String(80))
    industry_code: Mapped[str | None] = mapped_column(String(10))
    legal_rep: Mapped[str | None] = mapped_column(String(60))
    registered_capital: Mapped[float | None] = mapped_column(Float)  # 万元
    founded_on: Mapped[dt.date | None] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(String(200))
    listed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    listed_exchange: Mapped[str | None] = mapped_column(String(60))
    listed_year: Mapped[int | None] = mapped_column(Integer)
    contact_name: Mapped[str | None] = mapped_column(String(60))
    contact_phone: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)
    code_warning: Mapped[str | None] = mapped_column(String(20))  # accepted checksum warning
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    designations: Mapped[list[Designation]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", passive_deletes=True)
    names: Mapped[list[NameHistory]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", passive_deletes=True)
    figures: Mapped[list[YearlyFigure]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan", passive_deletes=True)

    __mapper_args__ = {"version_id_col": version}


class NameHistory(Base):
    """A former name of an enterprise (更名): matching by name also looks here."""

    __tablename__ = "name_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(
        ForeignKey("enterprise.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_norm: Mapped[str] = mapped_column(String(200), index=True)
    until: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(200))
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"))

    enterprise: Mapped[Enterprise] = relationship(back_populates="names")


class YearlyFigure(Base):
    __tablename__ = "yearly_figure"
    __table_args__ = (UniqueConstraint("enterprise_id", "year"),
                      Index("ix_yearly_figure_year_revenue", "year", "revenue"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    revenue: Mapped[float | None] = mapped_column(Float)  # 营业收入, 万元
    output: Mapped[float | None] = mapped_column(Float)  # 工业总产值, 万元
    employees: Mapped[int | None] = mapped_column(Integer)

    enterprise: Mapped[Enterprise] = relationship(back_populates="figures")


class Program(Base):
    """The catalog, seeded from resources/catalog.toml (programs are data, not code)."""

    __tablename__ = "program"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    formation: Mapped[str] = mapped_column(String(10))
    tier: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    counting: Mapped[str] = mapped_column(String(20))
    validity_years: Mapped[int] = mapped_column(Integer, default=0)
    threshold_yi: Mapped[float | None] = mapped_column(Float)
    synonyms: Mapped[list[Any]] = mapped_column(default=list)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Designation(Base):
    __tablename__ = "designation"
    __table_args__ = (
        Index("ix_designation_count", "program_id", "count_from", "count_until"),
        Index("ix_designation_enterprise_program", "enterprise_id", "program_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"))
    program_id: Mapped[str] = mapped_column(ForeignKey("program.id"))
    year: Mapped[int | None] = mapped_column(Integer)
    batch_text: Mapped[str | None] = mapped_column(String(60))
    batch_no: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="new")  # new / review
    level: Mapped[str | None] = mapped_column(String(20))  # national / provincial / city …
    category: Mapped[str | None] = mapped_column(String(20))  # 示范企业 / 培育企业 / 产品
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    count_from: Mapped[dt.date | None] = mapped_column(Date)
    count_until: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="valid")  # valid / revoked
    product: Mapped[str | None] = mapped_column(String(200))
    certificate_no: Mapped[str | None] = mapped_column(String(60))
    rule_set: Mapped[str | None] = mapped_column(String(30))
    source: Mapped[str | None] = mapped_column(String(200))
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    enterprise: Mapped[Enterprise] = relationship(back_populates="designations")

    __mapper_args__ = {"version_id_col": version}


class PlanPeriod(Base):
    __tablename__ = "plan_period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(80))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    baseline_year: Mapped[int] = mapped_column(Integer)
    target_year: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    targets: Mapped[list[Target]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Target.sort_order")

    __mapper_args__ = {"version_id_col": version}


class Target(Base):
    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("plan_id", "metric_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_period.id", ondelete="CASCADE"))
    metric_id: Mapped[str] = mapped_column(String(40))
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(10), default="stock")  # stock / flow
    note: Mapped[str | None] = mapped_column(Text)
    milestones: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"2023": 900}
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[PlanPeriod] = relationship(back_populates="targets")

    __mapper_args__ = {"version_id_col": version}


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(260))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    sheet: Mapped[str | None] = mapped_column(String(100))
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    user: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ImportChange(Base):
    """One record an import created or changed, with what it held before (for undo)."""

    __tablename__ = "import_change"
    # conflict descriptions and undo look changes up by record, not only by batch
    __table_args__ = (Index("ix_import_change_table_name_row_id", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(30))
    row_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # insert / update
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version_after: Mapped[int | None] = mapped_column(Integer)


class ColumnMapping(Base):
    """A column mapping the officer confirmed, reused for the next file with the same headers."""

    __tablename__ = "column_mapping"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Setting(Base):
    """Settings every officer shares (district name …); UI state stays in QSettings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now(),
                                            index=True)
    os_user: Mapped[str | None] = mapped_column(String(80))
    db_user: Mapped[str | None] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str | None] = mapped_column(String(30))
    row_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
