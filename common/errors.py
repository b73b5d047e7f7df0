"""One exception family. Each error carries a catalogue key and its values, so the UI and the
command lines can say it in the user's language; `msg` is the Vietnamese text by default."""

from __future__ import annotations

from common.i18n import t


class CchcError(Exception):
    """An error fit to show a person: what is wrong and what to do."""

    title_key = "error.title"

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "vi") -> str:
        """The message in the given language."""
        return t(self.key, lang, **self.params)

    def title(self, lang: str = "vi") -> str:
        """A short heading for the message."""
        return t(self.title_key, lang)

    @property
    def msg(self) -> str:
        """The message in Vietnamese, the interface's first language."""
        return self.message("vi")

    def __str__(self) -> str:
        return self.message("en")


class StoreError(CchcError):
    """The database cannot be used: locked, unreadable, or of a newer schema."""

    title_key = "error.store_title"


class InputError(CchcError):
    """A file or an argument cannot be used as given."""

    title_key = "error.input_title"


class UndoError(CchcError):
    """A batch cannot be undone."""

    title_key = "error.undo_title"


class SettingsError(CchcError):
    """A setting from the environment cannot be used as given."""

    title_key = "error.settings_title"


class UnexpectedError(CchcError):
    """A fault nobody foresaw, said in the user's language at a boundary (the traceback goes to the log)."""

    def __init__(self, exc: BaseException) -> None:
        lines = str(exc).splitlines()
        super().__init__("error.unexpected", kind=type(exc).__name__, detail=lines[0][:300] if lines else "")
