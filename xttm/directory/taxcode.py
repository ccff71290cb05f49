"""Vietnamese tax codes (mã số thuế), checked with python-stdnum and written one way."""

from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.vn import mst


class TaxCodeError(ValueError):
    """A tax code that cannot be an enterprise's; the message is for the user."""


def normalize_tax_code(value) -> str:
    """Return the canonical form: '0100109106' or, for a branch, '0100109106-001'.

    Spreadsheets store tax codes as numbers and drop the leading zero
    (0100109106 → 100109106); a 9- or 12-digit code gets it back before it is
    checked, since no valid code has fewer digits.
    """
    if value is None:
        raise TaxCodeError(_("Thiếu mã số thuế."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = mst.compact(str(value).strip())
    if text.isdigit() and len(text) in (9, 12):
        text = "0" + text
    try:
        return mst.format(mst.validate(text))
    # InvalidLength is a kind of InvalidFormat: it must be caught first.
    except stdnum_errors.InvalidLength as exc:
        raise TaxCodeError(
            _("Mã số thuế “{value}” phải có 10 chữ số, hoặc 13 chữ số với chi nhánh.").format(
                value=value
            )
        ) from exc
    except stdnum_errors.InvalidFormat as exc:
        raise TaxCodeError(
            _("Mã số thuế “{value}” chỉ được gồm chữ số (và dấu “-” trước mã chi nhánh).").format(
                value=value
            )
        ) from exc
    except stdnum_errors.InvalidChecksum as exc:
        raise TaxCodeError(
            _("Mã số thuế “{value}” sai chữ số kiểm tra.").format(value=value)
        ) from exc
    except stdnum_errors.ValidationError as exc:
        raise TaxCodeError(_("Mã số thuế “{value}” không hợp lệ.").format(value=value)) from exc


def is_valid_tax_code(value) -> bool:
    try:
        normalize_tax_code(value)
    except TaxCodeError:
        return False
    return True
