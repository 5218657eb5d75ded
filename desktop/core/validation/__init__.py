"""Checks for what mediators type: ID and credit-code numbers, phones, money, dates. Each
refusal is a ValidationError whose Chinese message says what is wrong and what to do."""

from desktop.core.validation.dates import check_date_order, format_cn_date, parse_date
from desktop.core.validation.idcard import (
    IdNumberInfo,
    check_id_number,
    id_check_digit,
    mask_id_number,
)
from desktop.core.validation.money import capital_amount, format_yuan, parse_yuan
from desktop.core.validation.phone import check_phone, mask_phone
from desktop.core.validation.uscc import check_credit_code, credit_code_check_char

__all__ = [
    "IdNumberInfo",
    "capital_amount",
    "check_credit_code",
    "check_date_order",
    "check_id_number",
    "check_phone",
    "credit_code_check_char",
    "format_cn_date",
    "format_yuan",
    "id_check_digit",
    "mask_id_number",
    "mask_phone",
    "parse_date",
    "parse_yuan",
]
