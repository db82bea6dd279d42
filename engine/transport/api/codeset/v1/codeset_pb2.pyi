from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.rpc import status_pb2 as _status_pb2
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

class Verdict(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERDICT_UNSPECIFIED: _ClassVar[Verdict]
    VERDICT_VALID: _ClassVar[Verdict]
    VERDICT_INVALID: _ClassVar[Verdict]
    VERDICT_UNVERIFIED: _ClassVar[Verdict]

class PropertyType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROPERTY_TYPE_UNSPECIFIED: _ClassVar[PropertyType]
    PROPERTY_TYPE_CODE: _ClassVar[PropertyType]
    PROPERTY_TYPE_STRING: _ClassVar[PropertyType]
    PROPERTY_TYPE_INTEGER: _ClassVar[PropertyType]
    PROPERTY_TYPE_BOOLEAN: _ClassVar[PropertyType]
    PROPERTY_TYPE_DATE: _ClassVar[PropertyType]

class ResultView(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESULT_VIEW_UNSPECIFIED: _ClassVar[ResultView]
    RESULT_VIEW_BASIC: _ClassVar[ResultView]
    RESULT_VIEW_FULL: _ClassVar[ResultView]

class Setting(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SETTING_UNSPECIFIED: _ClassVar[Setting]
    SETTING_PRACTITIONER: _ClassVar[Setting]
    SETTING_OUTPATIENT_HOSPITAL: _ClassVar[Setting]
    SETTING_DME: _ClassVar[Setting]
SEVERITY_UNSPECIFIED: Severity
SEVERITY_ERROR: Severity
SEVERITY_WARNING: Severity
SEVERITY_INFO: Severity
VERDICT_UNSPECIFIED: Verdict
VERDICT_VALID: Verdict
VERDICT_INVALID: Verdict
VERDICT_UNVERIFIED: Verdict
PROPERTY_TYPE_UNSPECIFIED: PropertyType
PROPERTY_TYPE_CODE: PropertyType
PROPERTY_TYPE_STRING: PropertyType
PROPERTY_TYPE_INTEGER: PropertyType
PROPERTY_TYPE_BOOLEAN: PropertyType
PROPERTY_TYPE_DATE: PropertyType
RESULT_VIEW_UNSPECIFIED: ResultView
RESULT_VIEW_BASIC: ResultView
RESULT_VIEW_FULL: ResultView
SETTING_UNSPECIFIED: Setting
SETTING_PRACTITIONER: Setting
SETTING_OUTPATIENT_HOSPITAL: Setting
SETTING_DME: Setting

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
    units: str
    correlation_id: str
    def __init__(self, code: _Optional[str] = ..., system: _Optional[str] = ..., modifiers: _Optional[_Iterable[str]] = ..., date_of_service: _Optional[str] = ..., units: _Optional[str] = ..., correlation_id: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("code", "value_code", "value_string", "value_integer", "value_boolean", "value_date", "meaning")
    CODE_FIELD_NUMBER: _ClassVar[int]
    VALUE_CODE_FIELD_NUMBER: _ClassVar[int]
    VALUE_STRING_FIELD_NUMBER: _ClassVar[int]
    VALUE_INTEGER_FIELD_NUMBER: _ClassVar[int]
    VALUE_BOOLEAN_FIELD_NUMBER: _ClassVar[int]
    VALUE_DATE_FIELD_NUMBER: _ClassVar[int]
    MEANING_FIELD_NUMBER: _ClassVar[int]
    code: str
    value_code: str
    value_string: str
    value_integer: int
    value_boolean: bool
    value_date: str
    meaning: str
    def __init__(self, code: _Optional[str] = ..., value_code: _Optional[str] = ..., value_string: _Optional[str] = ..., value_integer: _Optional[int] = ..., value_boolean: _Optional[bool] = ..., value_date: _Optional[str] = ..., meaning: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("correlation_id", "input", "code", "system", "verdict", "issues", "classification", "modifiers", "date_of_service", "display", "edition")
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    MODIFIERS_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_SERVICE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_FIELD_NUMBER: _ClassVar[int]
    EDITION_FIELD_NUMBER: _ClassVar[int]
    correlation_id: str
    input: str
    code: str
    system: str
    verdict: Verdict
    issues: _containers.RepeatedCompositeFieldContainer[Issue]
    classification: Classification
    modifiers: _containers.RepeatedScalarFieldContainer[str]
    date_of_service: str
    display: str
    edition: str
    def __init__(self, correlation_id: _Optional[str] = ..., input: _Optional[str] = ..., code: _Optional[str] = ..., system: _Optional[str] = ..., verdict: _Optional[_Union[Verdict, str]] = ..., issues: _Optional[_Iterable[_Union[Issue, _Mapping]]] = ..., classification: _Optional[_Union[Classification, _Mapping]] = ..., modifiers: _Optional[_Iterable[str]] = ..., date_of_service: _Optional[str] = ..., display: _Optional[str] = ..., edition: _Optional[str] = ...) -> None: ...

class ValidateRequest(_message.Message):
    __slots__ = ("line", "view", "editions")
    class EditionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LINE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    line: Line
    view: ResultView
    editions: _containers.ScalarMap[str, str]
    def __init__(self, line: _Optional[_Union[Line, _Mapping]] = ..., view: _Optional[_Union[ResultView, str]] = ..., editions: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ValidateResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: LineResult
    def __init__(self, result: _Optional[_Union[LineResult, _Mapping]] = ...) -> None: ...

class ValidateBatchRequest(_message.Message):
    __slots__ = ("lines", "view", "editions")
    class EditionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LINES_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[Line]
    view: ResultView
    editions: _containers.ScalarMap[str, str]
    def __init__(self, lines: _Optional[_Iterable[_Union[Line, _Mapping]]] = ..., view: _Optional[_Union[ResultView, str]] = ..., editions: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ValidateBatchResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[LineResult]
    def __init__(self, results: _Optional[_Iterable[_Union[LineResult, _Mapping]]] = ...) -> None: ...

class ValidateStreamRequest(_message.Message):
    __slots__ = ("lines", "view", "editions")
    class EditionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LINES_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[Line]
    view: ResultView
    editions: _containers.ScalarMap[str, str]
    def __init__(self, lines: _Optional[_Iterable[_Union[Line, _Mapping]]] = ..., view: _Optional[_Union[ResultView, str]] = ..., editions: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ValidateStreamResponse(_message.Message):
    __slots__ = ("results", "status")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[LineResult]
    status: _status_pb2.Status
    def __init__(self, results: _Optional[_Iterable[_Union[LineResult, _Mapping]]] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class ClaimLine(_message.Message):
    __slots__ = ("line_number", "line", "narrative")
    LINE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    line_number: int
    line: Line
    narrative: str
    def __init__(self, line_number: _Optional[int] = ..., line: _Optional[_Union[Line, _Mapping]] = ..., narrative: _Optional[str] = ...) -> None: ...

class Claim(_message.Message):
    __slots__ = ("claim_id", "lines", "submission_date", "setting")
    CLAIM_ID_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    SUBMISSION_DATE_FIELD_NUMBER: _ClassVar[int]
    SETTING_FIELD_NUMBER: _ClassVar[int]
    claim_id: str
    lines: _containers.RepeatedCompositeFieldContainer[ClaimLine]
    submission_date: str
    setting: Setting
    def __init__(self, claim_id: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[ClaimLine, _Mapping]]] = ..., submission_date: _Optional[str] = ..., setting: _Optional[_Union[Setting, str]] = ...) -> None: ...

class RuleProfile(_message.Message):
    __slots__ = ("name", "families", "severity_overrides", "disabled_rules")
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
    DISABLED_RULES_FIELD_NUMBER: _ClassVar[int]
    name: str
    families: _containers.RepeatedScalarFieldContainer[str]
    severity_overrides: _containers.ScalarMap[str, Severity]
    disabled_rules: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., families: _Optional[_Iterable[str]] = ..., severity_overrides: _Optional[_Mapping[str, Severity]] = ..., disabled_rules: _Optional[_Iterable[str]] = ...) -> None: ...

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
    __slots__ = ("claim_id", "verdict", "lines", "issues")
    CLAIM_ID_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    claim_id: str
    verdict: Verdict
    lines: _containers.RepeatedCompositeFieldContainer[ClaimLineResult]
    issues: _containers.RepeatedCompositeFieldContainer[ClaimIssue]
    def __init__(self, claim_id: _Optional[str] = ..., verdict: _Optional[_Union[Verdict, str]] = ..., lines: _Optional[_Iterable[_Union[ClaimLineResult, _Mapping]]] = ..., issues: _Optional[_Iterable[_Union[ClaimIssue, _Mapping]]] = ...) -> None: ...

class ValidateClaimRequest(_message.Message):
    __slots__ = ("claim", "profile", "view", "editions")
    class EditionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    claim: Claim
    profile: RuleProfile
    view: ResultView
    editions: _containers.ScalarMap[str, str]
    def __init__(self, claim: _Optional[_Union[Claim, _Mapping]] = ..., profile: _Optional[_Union[RuleProfile, _Mapping]] = ..., view: _Optional[_Union[ResultView, str]] = ..., editions: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ValidateClaimResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: ClaimResult
    def __init__(self, result: _Optional[_Union[ClaimResult, _Mapping]] = ...) -> None: ...

class ValidateClaimStreamRequest(_message.Message):
    __slots__ = ("claims", "profile", "view", "editions")
    class EditionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CLAIMS_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    claims: _containers.RepeatedCompositeFieldContainer[Claim]
    profile: RuleProfile
    view: ResultView
    editions: _containers.ScalarMap[str, str]
    def __init__(self, claims: _Optional[_Iterable[_Union[Claim, _Mapping]]] = ..., profile: _Optional[_Union[RuleProfile, _Mapping]] = ..., view: _Optional[_Union[ResultView, str]] = ..., editions: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ValidateClaimStreamResponse(_message.Message):
    __slots__ = ("results", "status")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[ClaimResult]
    status: _status_pb2.Status
    def __init__(self, results: _Optional[_Iterable[_Union[ClaimResult, _Mapping]]] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class LookupRequest(_message.Message):
    __slots__ = ("code", "system", "date", "editions")
    class EditionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CODE_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    code: str
    system: str
    date: str
    editions: _containers.ScalarMap[str, str]
    def __init__(self, code: _Optional[str] = ..., system: _Optional[str] = ..., date: _Optional[str] = ..., editions: _Optional[_Mapping[str, str]] = ...) -> None: ...

class LookupResponse(_message.Message):
    __slots__ = ("system", "code", "display", "classification", "properties", "edition", "inactive", "also_in")
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    PROPERTIES_FIELD_NUMBER: _ClassVar[int]
    EDITION_FIELD_NUMBER: _ClassVar[int]
    INACTIVE_FIELD_NUMBER: _ClassVar[int]
    ALSO_IN_FIELD_NUMBER: _ClassVar[int]
    system: str
    code: str
    display: str
    classification: Classification
    properties: _containers.RepeatedCompositeFieldContainer[Property]
    edition: str
    inactive: bool
    also_in: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, system: _Optional[str] = ..., code: _Optional[str] = ..., display: _Optional[str] = ..., classification: _Optional[_Union[Classification, _Mapping]] = ..., properties: _Optional[_Iterable[_Union[Property, _Mapping]]] = ..., edition: _Optional[str] = ..., inactive: _Optional[bool] = ..., also_in: _Optional[_Iterable[str]] = ...) -> None: ...

class BatchLookupRequest(_message.Message):
    __slots__ = ("requests",)
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[LookupRequest]
    def __init__(self, requests: _Optional[_Iterable[_Union[LookupRequest, _Mapping]]] = ...) -> None: ...

class LookupResult(_message.Message):
    __slots__ = ("lookup", "status")
    LOOKUP_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    lookup: LookupResponse
    status: _status_pb2.Status
    def __init__(self, lookup: _Optional[_Union[LookupResponse, _Mapping]] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class BatchLookupResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[LookupResult]
    def __init__(self, results: _Optional[_Iterable[_Union[LookupResult, _Mapping]]] = ...) -> None: ...

class ListCodeSystemsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class Edition(_message.Message):
    __slots__ = ("id", "title", "effective")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    effective: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., effective: _Optional[str] = ...) -> None: ...

class PropertyDefinition(_message.Message):
    __slots__ = ("code", "type", "description")
    CODE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    code: str
    type: PropertyType
    description: str
    def __init__(self, code: _Optional[str] = ..., type: _Optional[_Union[PropertyType, str]] = ..., description: _Optional[str] = ...) -> None: ...

class CodeSystem(_message.Message):
    __slots__ = ("id", "uri", "name", "code_format", "editions", "property_definitions")
    ID_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CODE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    EDITIONS_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_DEFINITIONS_FIELD_NUMBER: _ClassVar[int]
    id: str
    uri: str
    name: str
    code_format: str
    editions: _containers.RepeatedCompositeFieldContainer[Edition]
    property_definitions: _containers.RepeatedCompositeFieldContainer[PropertyDefinition]
    def __init__(self, id: _Optional[str] = ..., uri: _Optional[str] = ..., name: _Optional[str] = ..., code_format: _Optional[str] = ..., editions: _Optional[_Iterable[_Union[Edition, _Mapping]]] = ..., property_definitions: _Optional[_Iterable[_Union[PropertyDefinition, _Mapping]]] = ...) -> None: ...

class ListCodeSystemsResponse(_message.Message):
    __slots__ = ("code_systems", "next_page_token")
    CODE_SYSTEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    code_systems: _containers.RepeatedCompositeFieldContainer[CodeSystem]
    next_page_token: str
    def __init__(self, code_systems: _Optional[_Iterable[_Union[CodeSystem, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListRulesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class RuleDescription(_message.Message):
    __slots__ = ("id", "description", "family", "plugin", "claim_rule", "default_severity")
    ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    CLAIM_RULE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    id: str
    description: str
    family: str
    plugin: str
    claim_rule: bool
    default_severity: Severity
    def __init__(self, id: _Optional[str] = ..., description: _Optional[str] = ..., family: _Optional[str] = ..., plugin: _Optional[str] = ..., claim_rule: _Optional[bool] = ..., default_severity: _Optional[_Union[Severity, str]] = ...) -> None: ...

class ListRulesResponse(_message.Message):
    __slots__ = ("rules", "next_page_token")
    RULES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[RuleDescription]
    next_page_token: str
    def __init__(self, rules: _Optional[_Iterable[_Union[RuleDescription, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetServerInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Limits(_message.Message):
    __slots__ = ("max_batch_lines", "max_modifiers_per_line", "max_code_length", "max_lookup_batch", "max_request_bytes", "max_response_bytes")
    MAX_BATCH_LINES_FIELD_NUMBER: _ClassVar[int]
    MAX_MODIFIERS_PER_LINE_FIELD_NUMBER: _ClassVar[int]
    MAX_CODE_LENGTH_FIELD_NUMBER: _ClassVar[int]
    MAX_LOOKUP_BATCH_FIELD_NUMBER: _ClassVar[int]
    MAX_REQUEST_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_RESPONSE_BYTES_FIELD_NUMBER: _ClassVar[int]
    max_batch_lines: int
    max_modifiers_per_line: int
    max_code_length: int
    max_lookup_batch: int
    max_request_bytes: int
    max_response_bytes: int
    def __init__(self, max_batch_lines: _Optional[int] = ..., max_modifiers_per_line: _Optional[int] = ..., max_code_length: _Optional[int] = ..., max_lookup_batch: _Optional[int] = ..., max_request_bytes: _Optional[int] = ..., max_response_bytes: _Optional[int] = ...) -> None: ...

class RuleProfileDescription(_message.Message):
    __slots__ = ("name", "families", "severity_overrides", "disabled_rules")
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
    DISABLED_RULES_FIELD_NUMBER: _ClassVar[int]
    name: str
    families: _containers.RepeatedScalarFieldContainer[str]
    severity_overrides: _containers.ScalarMap[str, Severity]
    disabled_rules: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., families: _Optional[_Iterable[str]] = ..., severity_overrides: _Optional[_Mapping[str, Severity]] = ..., disabled_rules: _Optional[_Iterable[str]] = ...) -> None: ...

class GetServerInfoResponse(_message.Message):
    __slots__ = ("version", "contract_version", "limits", "views", "settings", "profiles", "timezone", "rule_families")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTRACT_VERSION_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    VIEWS_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    PROFILES_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    RULE_FAMILIES_FIELD_NUMBER: _ClassVar[int]
    version: str
    contract_version: str
    limits: Limits
    views: _containers.RepeatedScalarFieldContainer[ResultView]
    settings: _containers.RepeatedScalarFieldContainer[Setting]
    profiles: _containers.RepeatedCompositeFieldContainer[RuleProfileDescription]
    timezone: str
    rule_families: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, version: _Optional[str] = ..., contract_version: _Optional[str] = ..., limits: _Optional[_Union[Limits, _Mapping]] = ..., views: _Optional[_Iterable[_Union[ResultView, str]]] = ..., settings: _Optional[_Iterable[_Union[Setting, str]]] = ..., profiles: _Optional[_Iterable[_Union[RuleProfileDescription, _Mapping]]] = ..., timezone: _Optional[str] = ..., rule_families: _Optional[_Iterable[str]] = ...) -> None: ...
