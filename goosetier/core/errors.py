"""The one shape of an error a user can cause: a message code and its parameters.

Every layer raises a subclass (RegistryError, ReadError, ImportFailure, SummaryError, PrintError,
…); the CLI and the window turn `code` and `params` into a sentence with goosetier.core.messages.
"""

from __future__ import annotations


class CodedError(Exception):
    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        from goosetier.core.messages import message

        return message(self.code, self.params)
