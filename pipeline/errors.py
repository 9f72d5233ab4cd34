"""One root error type, so callers can catch everything the pipeline raises."""


class VntasksError(Exception):
    """Base class for every error the pipeline raises on purpose."""


class InputError(VntasksError):
    """A file that cannot be read or decoded; the message names file and reason."""


class GoldFormatError(VntasksError):
    """A malformed gold or prediction line; the message names file and line."""
