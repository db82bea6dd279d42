"""Partial views of the `codeset.v1` messages: the same wire format, decoding only what a
fast path reads.

Every Validate request and response keeps its lines (or results) in field 1. Decoding a
message through a view runs in upb's C code and never builds the Python objects for the
fields it leaves out.
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message

_FIELD = descriptor_pb2.FieldDescriptorProto
_PACKAGE = "codeset_engine_views"


def encoded_items() -> type[Message]:
    """Field 1 as a list of the raw encodings of its items (`.items`)."""
    file = _file("encoded_items")
    view = file.message_type.add(name="EncodedItems")
    view.field.add(name="items", number=1, type=_FIELD.TYPE_BYTES, label=_FIELD.LABEL_REPEATED)
    return _message_class(file, "EncodedItems")


def item_ids(id_field: int, view_field: int | None = None) -> type[Message]:
    """Field 1's items (`.items`), each decoding only the string field `id_field` (`.id`),
    and the request's `ResultView`, if `view_field` is given (`.view`, as a number)."""
    file = _file(f"item_ids_{id_field}_{view_field}")
    view = file.message_type.add(name="ItemIds")
    if view_field is not None:
        view.field.add(
            name="view", number=view_field, type=_FIELD.TYPE_INT32, label=_FIELD.LABEL_OPTIONAL
        )
    view.field.add(
        name="items",
        number=1,
        type=_FIELD.TYPE_MESSAGE,
        label=_FIELD.LABEL_REPEATED,
        type_name=f".{_PACKAGE}.ItemId",
    )
    item = file.message_type.add(name="ItemId")
    item.field.add(name="id", number=id_field, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    return _message_class(file, "ItemIds")


def string_map(number: int) -> type[Message]:
    """Only the `map<string, string>` field `number` (`.entries`, a dict-like map): what a
    request's `editions` pins are, read without decoding its lines (every other field is
    skipped as unknown). Duplicate keys keep the last value, as protobuf maps do."""
    file = _file(f"string_map_{number}")
    view = file.message_type.add(name="StringMap")
    entry = view.nested_type.add(name="EntriesEntry")
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    entry.field.add(name="value", number=2, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    view.field.add(
        name="entries",
        number=number,
        type=_FIELD.TYPE_MESSAGE,
        label=_FIELD.LABEL_REPEATED,
        type_name=f".{_PACKAGE}.StringMap.EntriesEntry",
    )
    return _message_class(file, "StringMap")


def _file(name: str) -> descriptor_pb2.FileDescriptorProto:
    return descriptor_pb2.FileDescriptorProto(
        name=f"{_PACKAGE}/{name}.proto", package=_PACKAGE, syntax="proto3"
    )


def _message_class(file: descriptor_pb2.FileDescriptorProto, name: str) -> type[Message]:
    pool = descriptor_pool.DescriptorPool()  # one pool per view: their names may repeat
    pool.Add(file)
    found: type[Message] = message_factory.GetMessageClass(
        pool.FindMessageTypeByName(f"{_PACKAGE}.{name}")
    )
    return found
