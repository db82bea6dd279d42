from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_ERROR: _ClassVar[Severity]
    SEVERITY_WARNING: _ClassVar[Severity]
    SEVERITY_INFO: _ClassVar[Severity]

class ResultView(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESULT_VIEW_UNSPECIFIED: _ClassVar[ResultView]
    RESULT_VIEW_BASIC: _ClassVar[ResultView]
    RESULT_VIEW_FULL: _ClassVar[ResultView]
SEVERITY_UNSPECIFIED: Severity
SEVERITY_ERROR: Severity
SEVERITY_WARNING: Severity
SEVERITY_INFO: Severity
RESULT_VIEW_UNSPECIFIED: ResultView
RESULT_VIEW_BASIC: ResultView
RESULT_VIEW_FULL: ResultView

class Line(_message.Message):
    __slots__ = ("code", "system", "modifiers", "date_of_service", "units", "correlation_id")
    CODE_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    MODIFIERS_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_SERVICE_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    code: str
    system: str
    modifiers: _containers.RepeatedScalarFieldContainer[str]
    date_of_service: str
    units: int
    correlation_id: str
    def __init__(self, code: _Optional[str] = ..., system: _Optional[str] = ..., modifiers: _Optional[_Iterable[str]] = ..., date_of_service: _Optional[str] = ..., units: _Optional[int] = ..., correlation_id: _Optional[str] = ...) -> None: ...

class Issue(_message.Message):
    __slots__ = ("rule", "severity", "message", "field", "suggestions")
    RULE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    rule: str
    severity: Severity
    message: str
    field: str
    suggestions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rule: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., message: _Optional[str] = ..., field: _Optional[str] = ..., suggestions: _Optional[_Iterable[str]] = ...) -> None: ...

class Property(_message.Message):
    __slots__ = ("name", "value", "meaning")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    MEANING_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    meaning: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ..., meaning: _Optional[str] = ...) -> None: ...

class Classification(_message.Message):
    __slots__ = ("category", "section", "subsection", "properties")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    SUBSECTION_FIELD_NUMBER: _ClassVar[int]
    PROPERTIES_FIELD_NUMBER: _ClassVar[int]
    category: str
    section: str
    subsection: str
    properties: _containers.RepeatedCompositeFieldContainer[Property]
    def __init__(self, category: _Optional[str] = ..., section: _Optional[str] = ..., subsection: _Optional[str] = ..., properties: _Optional[_Iterable[_Union[Property, _Mapping]]] = ...) -> None: ...

class LineResult(_message.Message):
    __slots__ = ("correlation_id", "input", "code", "system", "valid", "issues", "classification", "modifiers", "date_of_service", "display")
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    MODIFIERS_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_SERVICE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_FIELD_NUMBER: _ClassVar[int]
    correlation_id: str
    input: str
    code: str
    system: str
    valid: bool
    issues: _containers.RepeatedCompositeFieldContainer[Issue]
    classification: Classification
    modifiers: _containers.RepeatedScalarFieldContainer[str]
    date_of_service: str
    display: str
    def __init__(self, correlation_id: _Optional[str] = ..., input: _Optional[str] = ..., code: _Optional[str] = ..., system: _Optional[str] = ..., valid: _Optional[bool] = ..., issues: _Optional[_Iterable[_Union[Issue, _Mapping]]] = ..., classification: _Optional[_Union[Classification, _Mapping]] = ..., modifiers: _Optional[_Iterable[str]] = ..., date_of_service: _Optional[str] = ..., display: _Optional[str] = ...) -> None: ...

class ValidateRequest(_message.Message):
    __slots__ = ("line", "view")
    LINE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    line: Line
    view: ResultView
    def __init__(self, line: _Optional[_Union[Line, _Mapping]] = ..., view: _Optional[_Union[ResultView, str]] = ...) -> None: ...

class ValidateResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: LineResult
    def __init__(self, result: _Optional[_Union[LineResult, _Mapping]] = ...) -> None: ...

class ValidateBatchRequest(_message.Message):
    __slots__ = ("lines", "view")
    LINES_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[Line]
    view: ResultView
    def __init__(self, lines: _Optional[_Iterable[_Union[Line, _Mapping]]] = ..., view: _Optional[_Union[ResultView, str]] = ...) -> None: ...

class ValidateBatchResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[LineResult]
    def __init__(self, results: _Optional[_Iterable[_Union[LineResult, _Mapping]]] = ...) -> None: ...

class ValidateStreamRequest(_message.Message):
    __slots__ = ("lines", "view")
    LINES_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[Line]
    view: ResultView
    def __init__(self, lines: _Optional[_Iterable[_Union[Line, _Mapping]]] = ..., view: _Optional[_Union[ResultView, str]] = ...) -> None: ...

class ValidateStreamResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[LineResult]
    def __init__(self, results: _Optional[_Iterable[_Union[LineResult, _Mapping]]] = ...) -> None: ...

class LookupRequest(_message.Message):
    __slots__ = ("code", "system")
    CODE_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    code: str
    system: str
    def __init__(self, code: _Optional[str] = ..., system: _Optional[str] = ...) -> None: ...

class LookupResponse(_message.Message):
    __slots__ = ("system", "code", "display", "classification", "properties")
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    PROPERTIES_FIELD_NUMBER: _ClassVar[int]
    system: str
    code: str
    display: str
    classification: Classification
    properties: _containers.RepeatedCompositeFieldContainer[Property]
    def __init__(self, system: _Optional[str] = ..., code: _Optional[str] = ..., display: _Optional[str] = ..., classification: _Optional[_Union[Classification, _Mapping]] = ..., properties: _Optional[_Iterable[_Union[Property, _Mapping]]] = ...) -> None: ...

class ListCodeSystemsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Edition(_message.Message):
    __slots__ = ("name", "effective", "source")
    NAME_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    effective: str
    source: str
    def __init__(self, name: _Optional[str] = ..., effective: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...

class CodeSystem(_message.Message):
    __slots__ = ("id", "uri", "name", "code_format", "editions")
    ID_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CODE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    id: str
    uri: str
    name: str
    code_format: str
    editions: _containers.RepeatedCompositeFieldContainer[Edition]
    def __init__(self, id: _Optional[str] = ..., uri: _Optional[str] = ..., name: _Optional[str] = ..., code_format: _Optional[str] = ..., editions: _Optional[_Iterable[_Union[Edition, _Mapping]]] = ...) -> None: ...

class ListCodeSystemsResponse(_message.Message):
    __slots__ = ("code_systems", "max_batch_lines", "version")
    CODE_SYSTEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_BATCH_LINES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    code_systems: _containers.RepeatedCompositeFieldContainer[CodeSystem]
    max_batch_lines: int
    version: str
    def __init__(self, code_systems: _Optional[_Iterable[_Union[CodeSystem, _Mapping]]] = ..., max_batch_lines: _Optional[int] = ..., version: _Optional[str] = ...) -> None: ...

class ClaimLine(_message.Message):
    __slots__ = ("line_number", "code", "modifiers", "units", "date_of_service", "system", "narrative")
    LINE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MODIFIERS_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_SERVICE_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    line_number: int
    code: str
    modifiers: _containers.RepeatedScalarFieldContainer[str]
    units: int
    date_of_service: str
    system: str
    narrative: str
    def __init__(self, line_number: _Optional[int] = ..., code: _Optional[str] = ..., modifiers: _Optional[_Iterable[str]] = ..., units: _Optional[int] = ..., date_of_service: _Optional[str] = ..., system: _Optional[str] = ..., narrative: _Optional[str] = ...) -> None: ...

class Claim(_message.Message):
    __slots__ = ("claim_id", "lines", "submission_date", "setting")
    CLAIM_ID_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    SUBMISSION_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTING_FIELD_NUMBER: _ClassVar[int]
    claim_id: str
    lines: _containers.RepeatedCompositeFieldContainer[ClaimLine]
    submission_date: str
    setting: str
    def __init__(self, claim_id: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[ClaimLine, _Mapping]]] = ..., submission_date: _Optional[str] = ..., setting: _Optional[str] = ...) -> None: ...

class RuleProfile(_message.Message):
    __slots__ = ("name", "families", "severity_overrides")
    class SeverityOverridesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Severity
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Severity, str]] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    FAMILIES_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    name: str
    families: _containers.RepeatedScalarFieldContainer[str]
    severity_overrides: _containers.ScalarMap[str, Severity]
    def __init__(self, name: _Optional[str] = ..., families: _Optional[_Iterable[str]] = ..., severity_overrides: _Optional[_Mapping[str, Severity]] = ...) -> None: ...

class ClaimIssue(_message.Message):
    __slots__ = ("rule", "severity", "message", "line_numbers")
    RULE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LINE_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    rule: str
    severity: Severity
    message: str
    line_numbers: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, rule: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., message: _Optional[str] = ..., line_numbers: _Optional[_Iterable[int]] = ...) -> None: ...

class ClaimLineResult(_message.Message):
    __slots__ = ("line_number", "result")
    LINE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    line_number: int
    result: LineResult
    def __init__(self, line_number: _Optional[int] = ..., result: _Optional[_Union[LineResult, _Mapping]] = ...) -> None: ...

class ClaimResult(_message.Message):
    __slots__ = ("claim_id", "valid", "lines", "issues")
    CLAIM_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    claim_id: str
    valid: bool
    lines: _containers.RepeatedCompositeFieldContainer[ClaimLineResult]
    issues: _containers.RepeatedCompositeFieldContainer[ClaimIssue]
    def __init__(self, claim_id: _Optional[str] = ..., valid: _Optional[bool] = ..., lines: _Optional[_Iterable[_Union[ClaimLineResult, _Mapping]]] = ..., issues: _Optional[_Iterable[_Union[ClaimIssue, _Mapping]]] = ...) -> None: ...

class ValidateClaimRequest(_message.Message):
    __slots__ = ("claim", "profile", "view")
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    claim: Claim
    profile: RuleProfile
    view: ResultView
    def __init__(self, claim: _Optional[_Union[Claim, _Mapping]] = ..., profile: _Optional[_Union[RuleProfile, _Mapping]] = ..., view: _Optional[_Union[ResultView, str]] = ...) -> None: ...

class ValidateClaimResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: ClaimResult
    def __init__(self, result: _Optional[_Union[ClaimResult, _Mapping]] = ...) -> None: ...

class ValidateClaimStreamRequest(_message.Message):
    __slots__ = ("claims", "profile", "view")
    CLAIMS_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    claims: _containers.RepeatedCompositeFieldContainer[Claim]
    profile: RuleProfile
    view: ResultView
    def __init__(self, claims: _Optional[_Iterable[_Union[Claim, _Mapping]]] = ..., profile: _Optional[_Union[RuleProfile, _Mapping]] = ..., view: _Optional[_Union[ResultView, str]] = ...) -> None: ...

class ValidateClaimStreamResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[ClaimResult]
    def __init__(self, results: _Optional[_Iterable[_Union[ClaimResult, _Mapping]]] = ...) -> None: ...
