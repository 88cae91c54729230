#!/usr/bin/env python3
"""Generates tests/data/filter-cases.json: a fixed data set plus filter expressions with expected ids.

Expected ids come from small Python predicates written here from Milvus's documented semantics
(independent of the C# implementation): a comparison with a null field is unknown and never matches,
not even under `not`; a JSON path that is missing (or holds a different type) fails every comparison
except `!=`; numbers compare across int/float. Run: python3 generate_filter_cases.py > ../../data/filter-cases.json
"""
import json
import math

MISSING = object()
ROWS = 48

FRUITS = ["apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "honeydew", "kiwi", "lemon",
          "mango", "nectarine", "orange", "papaya", "quince", "raspberry", "strawberry", "tangerine",
          "ugli", "vanilla", "watermelon", "xigua", "yam", "zucchini"]
SPECIAL_S = {7: "50% off", 13: "a_b", 19: 'say "hi"', 20: "it's", 26: "Ünïcode", 27: "", 28: "back\\slash", 29: "APPLE"}
TEXTS = ["the quick brown fox", "jumps over the lazy dog", "Milvus is a vector database",
         "vector search with scalar filters", "the lazy cat sleeps", "brown bread and butter"]
COLORS = ["red", "green", "blue"]


def make_row(i):
    row = {
        "id": i,
        "vec": [round(i * 0.1, 1), 1.0],
        "i8": ((i * 37) % 255) - 127,
        "i16": i * 100 - 2000,
        "i32": i * i,
        "i64": None if i % 5 == 0 else i * 10 - 200,
        "f": i * 0.25,
        "d": None if i % 7 == 0 else i / 4 - 3.0,
        "b": i % 3 == 0,
        "s": SPECIAL_S.get(i, FRUITS[(i - 1) % 24] + ("" if i <= 24 else "_2")),
        "sn": None if i % 4 == 0 else "n" + str(i % 6),
        "text": TEXTS[i % len(TEXTS)],
        "ai": [(i + k) % 5 for k in range(i % 4)],
        "as": ["t" + str((i + k) % 4) for k in range(i % 3)],
        "af": [i * 0.5] if i % 2 == 0 else [],
        "jn": None if i % 6 == 0 else {"x": i % 4},
    }
    j = {}
    if i % 9 != 0:
        j["a"] = i if i % 4 != 3 else ("s" + str(i) if i % 8 == 3 else i + 0.5)
    if i % 2 == 0:
        j["b"] = {"c": i % 3, "d": [i, i + 1]}
    j["tags"] = ["t" + str(k) for k in range(i % 4)]
    if i % 5 != 1:
        j["name"] = "ab" + str(i) if i % 3 == 0 else "name" + str(i)
    if i % 10 == 4:
        j["name"] = None
    if i % 7 == 2:
        j["flag"] = i % 2 == 0
    row["j"] = j
    # dynamic keys
    if i % 8 != 0:
        row["color"] = COLORS[i % 3]
    row["size"] = "big" if i % 11 == 0 else i % 10
    row["price"] = i * 1.5
    if i % 3 != 2:
        row["dtags"] = [COLORS[(i + k) % 3] for k in range(1 + i % 2)]
    row["obj"] = {"k": i % 2, "deep": {"v": i}}
    note = {5: 'say "hi"', 6: "Ünïcode", 7: "plain", 8: "tab\there"}.get(i % 12)
    if note is not None:
        row["note"] = note
    return row


DATA = [make_row(i) for i in range(1, ROWS + 1)]
SCALAR_FIELDS = {"id", "vec", "i8", "i16", "i32", "i64", "f", "d", "b", "s", "sn", "text", "ai", "as", "af", "j", "jn"}


# ---- three-valued helpers (None = unknown) -------------------------------------------------------

def AND(*xs):
    if any(x is False for x in xs):
        return False
    if all(x is True for x in xs):
        return True
    return None


def OR(*xs):
    if any(x is True for x in xs):
        return True
    if all(x is False for x in xs):
        return False
    return None


def NOT(x):
    return None if x is None else (not x)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def cmp(v, op, c):
    """A field/JSON value against a constant; v None = null field (unknown), MISSING = absent JSON path."""
    if v is None:
        return None
    if v is MISSING:
        return op == "!="
    if is_num(c):
        ok = is_num(v)
    elif isinstance(c, bool):
        ok = isinstance(v, bool)
    elif isinstance(c, str):
        ok = isinstance(v, str)
    elif isinstance(c, list):
        ok = isinstance(v, list)
    else:
        ok = False
    if not ok:
        return op == "!="
    if isinstance(c, list):
        eq = len(v) == len(c) and all(cmp(a, "==", b) for a, b in zip(v, c))
        return eq if op == "==" else (not eq if op == "!=" else False)
    return {"==": v == c, "!=": v != c, "<": v < c, "<=": v <= c, ">": v > c, ">=": v >= c}[op]


def path(row, field, *keys):
    """A JSON path below a JSON field (None when the field itself is null), MISSING when absent or JSON null."""
    v = row.get(field, MISSING) if field not in SCALAR_FIELDS else row[field]
    if v is None and field in SCALAR_FIELDS:
        return None
    for k in keys:
        if isinstance(v, dict) and k in v:
            v = v[k]
        elif isinstance(v, list) and isinstance(k, int) and 0 <= k < len(v):
            v = v[k]
        else:
            return MISSING
    return MISSING if v is None else v


def dyn(row, key, *keys):
    return path(row, key, *keys) if key not in SCALAR_FIELDS else MISSING


def in_list(v, values):
    if v is None:
        return None
    if v is MISSING:
        return False
    return any(cmp(v, "==", c) for c in values)


def contains(v, values, mode):
    if v is None:
        return None
    if not isinstance(v, list):
        return False
    has = [any(cmp(item, "==", c) for item in v) for c in values]
    return all(has) if mode == "all" else any(has)


def like(v, pattern):
    import re
    if v is None:
        return None
    if not isinstance(v, str):
        return False
    rx, k = "", 0
    while k < len(pattern):
        ch = pattern[k]
        if ch == "\\" and k + 1 < len(pattern):
            rx += re.escape(pattern[k + 1])
            k += 2
            continue
        rx += ".*" if ch == "%" else "." if ch == "_" else re.escape(ch)
        k += 1
    return re.fullmatch(rx, v, re.S) is not None


def tokens(text):
    import re
    return [t.lower() for t in re.findall(r"[A-Za-z0-9]+", text)]


CASES = []


def case(expr, pred, templates=None):
    ids = [r["id"] for r in DATA if pred(r) is True]
    c = {"expr": expr, "ids": ids}
    if templates is not None:
        c["templates"] = templates
    CASES.append(c)


def error(expr, contains_text, templates=None):
    c = {"expr": expr, "error": {"code": 1100, "contains": contains_text}}
    if templates is not None:
        c["templates"] = templates
    CASES.append(c)


# ---- comparisons on every scalar type ------------------------------------------------------------
OPS = ["==", "!=", "<", "<=", ">", ">="]
for field, consts in [("id", [1, 24, 48]), ("i8", [0, -50, 100]), ("i16", [-500, 0, 1500]), ("i32", [100, 625]),
                      ("i64", [0, 100, -150]), ("f", [2.5, 6, 11.75]), ("d", [0, -1.5, 5.25])]:
    for c in consts:
        for op in OPS:
            case(f"{field} {op} {c}", lambda r, f=field, o=op, c=c: cmp(r[f], o, c))
for op in OPS:
    case(f's {op} "kiwi"', lambda r, o=op: cmp(r["s"], o, "kiwi"))
    case(f"sn {op} 'n3'", lambda r, o=op: cmp(r["sn"], o, "n3"))
case("b == true", lambda r: cmp(r["b"], "==", True))
case("b == True", lambda r: cmp(r["b"], "==", True))
case("b != TRUE", lambda r: cmp(r["b"], "!=", True))
case("b == false", lambda r: cmp(r["b"], "==", False))
case("b == False && id < 10", lambda r: AND(cmp(r["b"], "==", False), cmp(r["id"], "<", 10)))
# constant on the left, reversed operators
case("10 > id", lambda r: cmp(r["id"], "<", 10))
case("10 <= i32", lambda r: cmp(r["i32"], ">=", 10))
case('"m" < s', lambda r: cmp(r["s"], ">", "m"))
case("2.5 == f", lambda r: cmp(r["f"], "==", 2.5))
# integer literal forms
case("id == 0x1F", lambda r: cmp(r["id"], "==", 31))
case("id == 0X0a", lambda r: cmp(r["id"], "==", 10))
case("id == 017", lambda r: cmp(r["id"], "==", 15))
case("id == 0b101", lambda r: cmp(r["id"], "==", 5))
case("id == 0", lambda r: cmp(r["id"], "==", 0))
case("f == 1.", lambda r: cmp(r["f"], "==", 1.0))
case("f == .5", lambda r: cmp(r["f"], "==", 0.5))
case("f < 1e1", lambda r: cmp(r["f"], "<", 10.0))
case("f >= 1.05E+1", lambda r: cmp(r["f"], ">=", 10.5))
case("d == -0.5", lambda r: cmp(r["d"], "==", -0.5))
case("f == 0x1p3", lambda r: cmp(r["f"], "==", 8.0))
case("f == 0x1.8p1", lambda r: cmp(r["f"], "==", 3.0))
case("f < 0X.8P2", lambda r: cmp(r["f"], "<", 2.0))
case("id == 0b0", lambda r: False)
case("id == 00", lambda r: False)
case("i16 >= -0x7D0", lambda r: cmp(r["i16"], ">=", -2000))
case("d > -+-1", lambda r: cmp(r["d"], ">", 1))
case("i16 == -(-300)", lambda r: cmp(r["i16"], "==", 300))
case("i32 == 2 ** 4", lambda r: False)  # 2**4 folds to a float: int field vs float is an error; see errors
# out of range constants against narrow integer fields are folded, never errors
case("i8 < 300", lambda r: cmp(r["i8"], "<", 300))
case("i8 > 300", lambda r: cmp(r["i8"], ">", 300))
case("i8 != -1000", lambda r: cmp(r["i8"], "!=", -1000))
# constant folding
case("id < 2 + 3", lambda r: cmp(r["id"], "<", 5))
case("id <= 10 - 2 * 3", lambda r: cmp(r["id"], "<=", 4))
case("id == 17 % 5", lambda r: cmp(r["id"], "==", 2))
case("id == 9 / 2", lambda r: cmp(r["id"], "==", 4))
case("f == 9 / 2.0", lambda r: cmp(r["f"], "==", 4.5))
case("d < 2 ** 2", lambda r: cmp(r["d"], "<", 4.0))
case("1 == 1", lambda r: True)
case("1 < 0", lambda r: False)
case('"a" < "b"', lambda r: True)
case("true && true", lambda r: True)
case("not false", lambda r: True)
case("not (1 == 1)", lambda r: False)
case("(2 > 1) or (1 > 2)", lambda r: True)
CASES[:] = [c for c in CASES if c["expr"] != "i32 == 2 ** 4"]

# ---- logic, precedence, nulls ------------------------------------------------------------------
case("id > 10 and id < 20", lambda r: AND(cmp(r["id"], ">", 10), cmp(r["id"], "<", 20)))
case("id < 5 or id > 45", lambda r: OR(cmp(r["id"], "<", 5), cmp(r["id"], ">", 45)))
case("id < 5 OR id > 45 AND b == true", lambda r: OR(cmp(r["id"], "<", 5), AND(cmp(r["id"], ">", 45), cmp(r["b"], "==", True))))
case("(id < 5 || id > 45) && b == true", lambda r: AND(OR(cmp(r["id"], "<", 5), cmp(r["id"], ">", 45)), cmp(r["b"], "==", True)))
case("not (id < 40)", lambda r: NOT(cmp(r["id"], "<", 40)))
case("NOT (id < 40)", lambda r: NOT(cmp(r["id"], "<", 40)))
case("!(id < 40)", lambda r: NOT(cmp(r["id"], "<", 40)))
case("not not (id < 3)", lambda r: cmp(r["id"], "<", 3))
case("i64 != 0", lambda r: cmp(r["i64"], "!=", 0))
case("not (i64 == 0)", lambda r: NOT(cmp(r["i64"], "==", 0)))
case("not (i64 > 0)", lambda r: NOT(cmp(r["i64"], ">", 0)))
case("i64 > 0 or id == 5", lambda r: OR(cmp(r["i64"], ">", 0), cmp(r["id"], "==", 5)))
case("not (i64 > 0 or id == 5)", lambda r: NOT(OR(cmp(r["i64"], ">", 0), cmp(r["id"], "==", 5))))
case("i64 > 0 and id == 5", lambda r: AND(cmp(r["i64"], ">", 0), cmp(r["id"], "==", 5)))
case("not (i64 > 100 and d > 100)", lambda r: NOT(AND(cmp(r["i64"], ">", 100), cmp(r["d"], ">", 100))))
case("d != 1.0 and sn != 'n1'", lambda r: AND(cmp(r["d"], "!=", 1.0), cmp(r["sn"], "!=", "n1")))
case("i64 is null", lambda r: r["i64"] is None)
case("i64 IS NULL", lambda r: r["i64"] is None)
case("i64 is not null", lambda r: r["i64"] is not None)
case("d IS NOT NULL and i64 is null", lambda r: r["d"] is not None and r["i64"] is None)
case("sn is null or d is null", lambda r: r["sn"] is None or r["d"] is None)
case("not (i64 is null)", lambda r: r["i64"] is not None)
case("id is null", lambda r: False)
case("s is not null", lambda r: True)
case("jn is null", lambda r: r["jn"] is None)
case("jn is not null", lambda r: r["jn"] is not None)
case("id > 40 && id < 45 || id == 1", lambda r: OR(AND(cmp(r["id"], ">", 40), cmp(r["id"], "<", 45)), cmp(r["id"], "==", 1)))
case("id >= 1 and id >= 2 and id >= 3 and id >= 4 and id < 8", lambda r: cmp(r["id"], ">=", 4) and cmp(r["id"], "<", 8))
case(" ".join(["id == %d or" % k for k in range(1, 60)]) + " id == 60", lambda r: r["id"] <= 60)

# ---- chained ranges ---------------------------------------------------------------------------
case("10 < id < 15", lambda r: 10 < r["id"] < 15)
case("10 <= id <= 15", lambda r: 10 <= r["id"] <= 15)
case("10 < id <= 15", lambda r: 10 < r["id"] <= 15)
case("15 > id > 10", lambda r: 10 < r["id"] < 15)
case("15 >= id >= 10", lambda r: 10 <= r["id"] <= 15)
case("15 >= id > 10", lambda r: 10 < r["id"] <= 15)
case("-5 < i64 < 50", lambda r: AND(cmp(r["i64"], ">", -5), cmp(r["i64"], "<", 50)))
case("1 <= f < 3", lambda r: 1 <= r["f"] < 3)
case("-1.5 <= d <= 2", lambda r: AND(cmp(r["d"], ">=", -1.5), cmp(r["d"], "<=", 2)))
case('"b" <= s < "d"', lambda r: "b" <= r["s"] < "d")
case("not (10 < id < 40)", lambda r: not (10 < r["id"] < 40))
case('1 < j["a"] < 10', lambda r: AND(cmp(path(r, "j", "a"), ">", 1), cmp(path(r, "j", "a"), "<", 10)))
case("2 <= size <= 4", lambda r: AND(cmp(dyn(r, "size"), ">=", 2), cmp(dyn(r, "size"), "<=", 4)))
case("5 < 5 + id", lambda r: cmp(r["id"], ">", 0))

# ---- in / not in -------------------------------------------------------------------------------
case("id in [1, 2, 3, 100]", lambda r: in_list(r["id"], [1, 2, 3, 100]))
case("id IN [4,5,]", lambda r: in_list(r["id"], [4, 5]))
case("id not in [1, 2, 3]", lambda r: NOT(in_list(r["id"], [1, 2, 3])))
case("id NOT IN [1, 2, 3] and id < 6", lambda r: AND(NOT(in_list(r["id"], [1, 2, 3])), cmp(r["id"], "<", 6)))
case("id in []", lambda r: False)
case("id not in []", lambda r: True)
case("i64 in [-190, -180, 0]", lambda r: in_list(r["i64"], [-190, -180, 0]))
case("i64 not in [-190, -180]", lambda r: NOT(in_list(r["i64"], [-190, -180])))
case("f in [0.25, 0.5, 7]", lambda r: in_list(r["f"], [0.25, 0.5, 7]))
case("d in [-2.75, 0]", lambda r: in_list(r["d"], [-2.75, 0]))
case('s in ["apple", "kiwi", "zucchini_2"]', lambda r: in_list(r["s"], ["apple", "kiwi", "zucchini_2"]))
case("s in ['it\\'s', \"a_b\"]", lambda r: in_list(r["s"], ["it's", "a_b"]))
case('sn not in ["n1", "n2"]', lambda r: NOT(in_list(r["sn"], ["n1", "n2"])))
case("b in [true]", lambda r: in_list(r["b"], [True]))
case("i8 in [-90, 1000]", lambda r: in_list(r["i8"], [-90, 1000]))
case('j["a"] in [1, 2, 3.5, "s3"]', lambda r: in_list(path(r, "j", "a"), [1, 2, 3.5, "s3"]))
case('j["a"] not in [1, 2]', lambda r: NOT(in_list(path(r, "j", "a"), [1, 2])))
case('color in ["red", "blue"]', lambda r: in_list(dyn(r, "color"), ["red", "blue"]))
case('color not in ["red"]', lambda r: NOT(in_list(dyn(r, "color"), ["red"])))
case("size in [1, 2]", lambda r: in_list(dyn(r, "size"), [1, 2]))
case("ai[0] in [1, 2]", lambda r: in_list(path(r, "ai", 0), [1, 2]))
case('jn["x"] in [1]', lambda r: in_list(path(r, "jn", "x"), [1]))

# ---- like -------------------------------------------------------------------------------------
for pattern in ["a%", "%_2", "%an%", "kiwi", "%", "_i%", "b_n%", "%e", "a\\\\_b", "50\\\\% off", "%\\\\%%", "APPLE%", "%n_n%", "a%b", "__"]:
    expr = f's like "{pattern}"'
    py_pattern = pattern.replace("\\\\", "\\")
    case(expr, lambda r, p=py_pattern: like(r["s"], p))
case('s LIKE "ch%"', lambda r: like(r["s"], "ch%"))
case("sn like 'n%'", lambda r: like(r["sn"], "n%"))
case('not (sn like "n1")', lambda r: NOT(like(r["sn"], "n1")))
case('j["name"] like "ab%"', lambda r: like(path(r, "j", "name"), "ab%"))
case('color like "%e%"', lambda r: like(dyn(r, "color"), "%e%"))
case('$meta["color"] like "r%"', lambda r: like(dyn(r, "color"), "r%"))
case('as[0] like "t1%"', lambda r: like(path(r, "as", 0), "t1%"))
case("s like 'say \"hi\"'", lambda r: like(r["s"], 'say "hi"'))
case('s like "back\\\\\\\\slash"', lambda r: like(r["s"], "back\\\\slash"))

# ---- arithmetic ---------------------------------------------------------------------------------
case("id % 2 == 0", lambda r: r["id"] % 2 == 0)
case("id % 3 != 0", lambda r: r["id"] % 3 != 0)
case("id + 5 == 10", lambda r: r["id"] == 5)
case("id - 5 > 40", lambda r: r["id"] > 45)
case("id * 2 <= 10", lambda r: r["id"] * 2 <= 10)
case("id / 4 == 2", lambda r: r["id"] // 4 == 2)
case("3 * id == 12", lambda r: r["id"] == 4)
case("2 + id < 5", lambda r: r["id"] < 3)
case("i64 + 10 == 0", lambda r: cmp(r["i64"], "==", -10))
case("i64 % 20 == 0", lambda r: None if r["i64"] is None else math.fmod(r["i64"], 20) == 0)
case("f * 2 == 5", lambda r: r["f"] * 2 == 5)
case("d - 0.5 > 5", lambda r: cmp(r["d"], ">", 5.5))
case("i8 * 2 < -200", lambda r: r["i8"] * 2 < -200)
case('j["a"] + 1 == 5', lambda r: is_num(path(r, "j", "a")) and path(r, "j", "a") + 1 == 5)
case('j["a"] * 2 > 80', lambda r: is_num(path(r, "j", "a")) and path(r, "j", "a") * 2 > 80)
case('j["a"] % 2 == 1', lambda r: isinstance(path(r, "j", "a"), int) and path(r, "j", "a") % 2 == 1)
case("size * 10 == 30", lambda r: is_num(dyn(r, "size")) and dyn(r, "size") * 10 == 30)
case("price - 1.5 >= 69", lambda r: dyn(r, "price") - 1.5 >= 69)
case("not (id % 2 == 0)", lambda r: r["id"] % 2 != 0)

# ---- columns compared with columns ------------------------------------------------------------------
case("i16 > i32", lambda r: r["i16"] > r["i32"])
case("f > d", lambda r: AND(None if r["d"] is None else True, r["d"] is not None and r["f"] > r["d"]))
case("i64 < i16", lambda r: None if r["i64"] is None else r["i64"] < r["i16"])
case("id == i32", lambda r: r["id"] == r["i32"])
case("id >= f", lambda r: r["id"] >= r["f"])
case("s != sn", lambda r: None if r["sn"] is None else r["s"] != r["sn"])

# ---- JSON fields ----------------------------------------------------------------------------------
case('j["a"] > 40', lambda r: cmp(path(r, "j", "a"), ">", 40))
case('j["a"] == 10', lambda r: cmp(path(r, "j", "a"), "==", 10))
case('j["a"] == 11.5', lambda r: cmp(path(r, "j", "a"), "==", 11.5))
case('j["a"] <= 7.5', lambda r: cmp(path(r, "j", "a"), "<=", 7.5))
case('j["a"] != 10', lambda r: cmp(path(r, "j", "a"), "!=", 10))
case('j["a"] == "s3"', lambda r: cmp(path(r, "j", "a"), "==", "s3"))
case('j["a"] >= "s"', lambda r: cmp(path(r, "j", "a"), ">=", "s"))
case("j['a'] < 5", lambda r: cmp(path(r, "j", "a"), "<", 5))
case('j["b"]["c"] == 1', lambda r: cmp(path(r, "j", "b", "c"), "==", 1))
case('j["b"]["d"][1] == 11', lambda r: cmp(path(r, "j", "b", "d", 1), "==", 11))
case('j["b"]["d"][0] > 40', lambda r: cmp(path(r, "j", "b", "d", 0), ">", 40))
case('j["tags"][0] == "t0"', lambda r: cmp(path(r, "j", "tags", 0), "==", "t0"))
case('j["tags"][2] == "t2"', lambda r: cmp(path(r, "j", "tags", 2), "==", "t2"))
case('j["tags"] == ["t0", "t1"]', lambda r: cmp(path(r, "j", "tags"), "==", ["t0", "t1"]))
case('j["flag"] == true', lambda r: cmp(path(r, "j", "flag"), "==", True))
case('j["flag"] != true', lambda r: cmp(path(r, "j", "flag"), "!=", True))
case('j["name"] == "name2"', lambda r: cmp(path(r, "j", "name"), "==", "name2"))
case('j["missing"] == 1', lambda r: False)
case('j["missing"] != 1', lambda r: True)
case('exists j["name"]', lambda r: path(r, "j", "name") is not MISSING)
case('EXISTS j["b"]["c"]', lambda r: path(r, "j", "b", "c") is not MISSING)
case('not exists j["a"]', lambda r: path(r, "j", "a") is MISSING)
case('j["name"] is null', lambda r: path(r, "j", "name") is MISSING)
case('j["name"] is not null', lambda r: path(r, "j", "name") is not MISSING)
case('json_contains(j["tags"], "t2")', lambda r: contains(path(r, "j", "tags"), ["t2"], "all"))
case('JSON_CONTAINS(j["b"]["d"], 7)', lambda r: contains(path(r, "j", "b", "d"), [7], "all"))
case('json_contains_all(j["tags"], ["t0", "t1"])', lambda r: contains(path(r, "j", "tags"), ["t0", "t1"], "all"))
case('json_contains_any(j["tags"], ["t2", "t9"])', lambda r: contains(path(r, "j", "tags"), ["t2", "t9"], "any"))
case('json_contains(j["a"], 1)', lambda r: False)
case('array_length(j["tags"]) == 2', lambda r: len(path(r, "j", "tags")) == 2)
case('array_length(j["tags"]) > 0', lambda r: len(path(r, "j", "tags")) > 0)
case('jn["x"] == 1', lambda r: cmp(path(r, "jn", "x"), "==", 1))
case('jn["x"] != 1', lambda r: cmp(path(r, "jn", "x"), "!=", 1))
case('not (jn["x"] == 1)', lambda r: NOT(cmp(path(r, "jn", "x"), "==", 1)))
case('jn["x"] > 1 or id == 6', lambda r: OR(cmp(path(r, "jn", "x"), ">", 1), cmp(r["id"], "==", 6)))

# ---- dynamic field ----------------------------------------------------------------------------------
case('color == "red"', lambda r: cmp(dyn(r, "color"), "==", "red"))
case('$meta["color"] == "red"', lambda r: cmp(dyn(r, "color"), "==", "red"))
case("color != 'red'", lambda r: cmp(dyn(r, "color"), "!=", "red"))
case('color > "c"', lambda r: cmp(dyn(r, "color"), ">", "c"))
case("size > 5", lambda r: cmp(dyn(r, "size"), ">", 5))
case('size == "big"', lambda r: cmp(dyn(r, "size"), "==", "big"))
case("size != 3", lambda r: cmp(dyn(r, "size"), "!=", 3))
case("price < 10.5", lambda r: cmp(dyn(r, "price"), "<", 10.5))
case("price == 3", lambda r: cmp(dyn(r, "price"), "==", 3))
case('obj["k"] == 1', lambda r: cmp(dyn(r, "obj", "k"), "==", 1))
case('obj["deep"]["v"] >= 47', lambda r: cmp(dyn(r, "obj", "deep", "v"), ">=", 47))
case('$meta["obj"]["deep"]["v"] < 3', lambda r: cmp(dyn(r, "obj", "deep", "v"), "<", 3))
case("exists color", lambda r: dyn(r, "color") is not MISSING)
case('exists $meta["dtags"]', lambda r: dyn(r, "dtags") is not MISSING)
case("color is null", lambda r: dyn(r, "color") is MISSING)
case("color is not null", lambda r: dyn(r, "color") is not MISSING)
case("nosuchkey == 1", lambda r: False)
case("nosuchkey != 1", lambda r: True)
case('json_contains(dtags, "blue")', lambda r: contains(dyn(r, "dtags"), ["blue"], "all"))
case('json_contains_any(dtags, ["green", "x"])', lambda r: contains(dyn(r, "dtags"), ["green", "x"], "any"))
case('json_contains_all($meta["dtags"], ["red", "green"])', lambda r: contains(dyn(r, "dtags"), ["red", "green"], "all"))
case("array_length(dtags) == 2", lambda r: isinstance(dyn(r, "dtags"), list) and len(dyn(r, "dtags")) == 2)
case('dtags[0] == "blue"', lambda r: cmp(dyn(r, "dtags", 0), "==", "blue"))
case("note == 'say \"hi\"'", lambda r: cmp(dyn(r, "note"), "==", 'say "hi"'))
case('note == "Ünïcode"', lambda r: cmp(dyn(r, "note"), "==", "Ünïcode"))
case('note == "tab\\there"', lambda r: cmp(dyn(r, "note"), "==", "tab\there"))
case('note > "p"', lambda r: cmp(dyn(r, "note"), ">", "p"))
case('note < "Z"', lambda r: cmp(dyn(r, "note"), "<", "Z"))
case('note in ["plain", "Ünïcode"]', lambda r: in_list(dyn(r, "note"), ["plain", "Ünïcode"]))
case('note like "%hi%"', lambda r: like(dyn(r, "note"), "%hi%"))
case('note != "plain"', lambda r: cmp(dyn(r, "note"), "!=", "plain"))
case('color == "green" and size < 5', lambda r: AND(cmp(dyn(r, "color"), "==", "green"), cmp(dyn(r, "size"), "<", 5)))

# ---- ARRAY fields ---------------------------------------------------------------------------------
case("array_contains(ai, 3)", lambda r: contains(r["ai"], [3], "all"))
case("ARRAY_CONTAINS(as, 't0')", lambda r: contains(r["as"], ["t0"], "all"))
case("array_contains_all(ai, [1, 2])", lambda r: contains(r["ai"], [1, 2], "all"))
case("array_contains_any(ai, [0, 4])", lambda r: contains(r["ai"], [0, 4], "any"))
case('array_contains_any(as, ["t3"])', lambda r: contains(r["as"], ["t3"], "any"))
case("array_contains_all(ai, [])", lambda r: True)
case("array_contains_any(ai, [])", lambda r: False)
case("array_contains(af, 12)", lambda r: contains(r["af"], [12], "all"))
case("array_contains(af, 12.5)", lambda r: contains(r["af"], [12.5], "all"))
case("json_contains(ai, 2)", lambda r: contains(r["ai"], [2], "all"))
case("array_length(ai) == 0", lambda r: len(r["ai"]) == 0)
case("array_length(ai) >= 2", lambda r: len(r["ai"]) >= 2)
case("array_length(as) < 2", lambda r: len(r["as"]) < 2)
case("ai[0] == 1", lambda r: cmp(path(r, "ai", 0), "==", 1))
case("ai[1] > 2", lambda r: cmp(path(r, "ai", 1), ">", 2))
case("ai[2] <= 1", lambda r: cmp(path(r, "ai", 2), "<=", 1))
# past the end of an ARRAY every comparison is false, != included (unlike a missing JSON key)
case("ai[2] != 1", lambda r: len(r["ai"]) > 2 and r["ai"][2] != 1)
case("not (ai[2] == 1)", lambda r: not (len(r["ai"]) > 2 and r["ai"][2] == 1))
case("af[0] >= 20", lambda r: cmp(path(r, "af", 0), ">=", 20))
case('as[1] == "t2"', lambda r: cmp(path(r, "as", 1), "==", "t2"))
case("1 <= ai[0] < 3", lambda r: AND(cmp(path(r, "ai", 0), ">=", 1), cmp(path(r, "ai", 0), "<", 3)))
case("ai == [1, 2, 3]", lambda r: r["ai"] == [1, 2, 3])
case('as == ["t1"]', lambda r: r["as"] == ["t1"])
case("ai != [1, 2, 3]", lambda r: r["ai"] != [1, 2, 3])
case("ai[0] + 1 == 3", lambda r: len(r["ai"]) > 0 and r["ai"][0] + 1 == 3)

# ---- text / phrase match -------------------------------------------------------------------------------
def text_match(r, query, minimum=1):
    row = set(tokens(r["text"]))
    q = list(dict.fromkeys(tokens(query)))
    return sum(1 for t in q if t in row) >= minimum if q else False


def phrase(r, query, slop=0):
    row, q = tokens(r["text"]), tokens(query)
    for s in range(len(row)):
        if row[s] != q[0]:
            continue
        pos, k = s, 1
        while k < len(q):
            try:
                pos = row.index(q[k], pos + 1)
            except ValueError:
                break
            k += 1
        if k == len(q) and pos - s - (len(q) - 1) <= slop:
            return True
    return False


case('text_match(text, "fox")', lambda r: text_match(r, "fox"))
case('TEXT_MATCH(text, "Vector dog")', lambda r: text_match(r, "Vector dog"))
case('text_match(text, "lazy brown", minimum_should_match=2)', lambda r: text_match(r, "lazy brown", 2))
case('not text_match(text, "the")', lambda r: not text_match(r, "the"))
case('phrase_match(text, "lazy dog")', lambda r: phrase(r, "lazy dog"))
case('phrase_match(text, "quick fox", 1)', lambda r: phrase(r, "quick fox", 1))
case('phrase_match(text, "quick fox")', lambda r: phrase(r, "quick fox"))
case('PHRASE_MATCH(text, "vector filters", 2)', lambda r: phrase(r, "vector filters", 2))

# ---- templates --------------------------------------------------------------------------------
case("id in {ids}", lambda r: in_list(r["id"], [2, 4, 6]), {"ids": [2, 4, 6]})
case("id > {low} and id < {high}", lambda r: 10 < r["id"] < 14, {"low": 10, "high": 14})
case("s == {name}", lambda r: r["s"] == "kiwi", {"name": "kiwi"})
case("f >= {x}", lambda r: r["f"] >= 11.5, {"x": 11.5})
case("b == {flag}", lambda r: r["b"] is True, {"flag": True})
case("{lo} < id < {hi}", lambda r: 40 < r["id"] < 44, {"lo": 40, "hi": 44})
case('color in {colors}', lambda r: in_list(dyn(r, "color"), ["green", "blue"]), {"colors": ["green", "blue"]})
case("array_contains_any(ai, {vals})", lambda r: contains(r["ai"], [4], "any"), {"vals": [4]})
case('j["a"] == {v}', lambda r: cmp(path(r, "j", "a"), "==", 5), {"v": 5})
case("id % {m} == 0", lambda r: r["id"] % 12 == 0, {"m": 12})

# ---- whitespace and keyword spellings -----------------------------------------------------------
case("  id\t<\n3  ", lambda r: r["id"] < 3)
case("id<3&&id>1", lambda r: r["id"] == 2)
case("(((id == 7)))", lambda r: r["id"] == 7)
case("id == 1 || id == 2 or id == 3 OR id == 4", lambda r: r["id"] <= 4)
case("exists j['b'] and j['b']['c'] == 0", lambda r: cmp(path(r, "j", "b", "c"), "==", 0))

# ---- strings, escapes, unicode ------------------------------------------------------------------
case('s == "Ünïcode"', lambda r: r["s"] == "Ünïcode")
case('s == "\\u00dcn\\u00efcode"', lambda r: r["s"] == "Ünïcode")
case("s == 'it\\'s'", lambda r: r["s"] == "it's")
case('s == "it\'s"', lambda r: r["s"] == "it's")
case('s == "say \\"hi\\""', lambda r: r["s"] == 'say "hi"')
case("s == 'say \"hi\"'", lambda r: r["s"] == 'say "hi"')
case('s == ""', lambda r: r["s"] == "")
case('s == "back\\\\slash"', lambda r: r["s"] == "back\\slash")
case('s > ""', lambda r: r["s"] > "")
case('s >= "Z"', lambda r: r["s"] >= "Z")
case('s == "\\x61pple"', lambda r: r["s"] == "apple")
case('s == "\\141pple"', lambda r: r["s"] == "apple")
case('s != "apple" and s < "b"', lambda r: r["s"] != "apple" and r["s"] < "b")
case('"kiwi" == s', lambda r: r["s"] == "kiwi")
# ---- more JSON / dynamic / array ------------------------------------------------------------------
case('j["name"] != "name2"', lambda r: cmp(path(r, "j", "name"), "!=", "name2"))
case('exists j["flag"]', lambda r: path(r, "j", "flag") is not MISSING)
case('json_contains(j["b"]["d"], 11)', lambda r: contains(path(r, "j", "b", "d"), [11], "all"))
case('obj["k"] in [0]', lambda r: in_list(dyn(r, "obj", "k"), [0]))
case("price / 2 > 30", lambda r: dyn(r, "price") / 2 > 30)
case("size % 3 == 0", lambda r: isinstance(dyn(r, "size"), int) and dyn(r, "size") % 3 == 0)
case("array_length(af) == 1", lambda r: len(r["af"]) == 1)
case("id in [1, 2] or id in [3]", lambda r: r["id"] <= 3)
case("b != false", lambda r: r["b"] is True)
case("not (b == true)", lambda r: r["b"] is False)
case("b == TRUE and (10 < id < 20)", lambda r: r["b"] and 10 < r["id"] < 20)
case('j["tags"] != ["t0"]', lambda r: cmp(path(r, "j", "tags"), "!=", ["t0"]))
error("as == []", "comparisons between Array[VarChar] and Array[None] are not supported")
case('array_contains_all(as, ["t1", "t2"])', lambda r: contains(r["as"], ["t1", "t2"], "all"))
case('array_contains(ai, 2) and not array_contains(ai, 3)', lambda r: contains(r["ai"], [2], "all") and not contains(r["ai"], [3], "all"))
case('$meta["size"] < 3', lambda r: cmp(dyn(r, "size"), "<", 3))
case('j["b"]["c"] + 1 == 2', lambda r: isinstance(path(r, "j", "b", "c"), int) and path(r, "j", "b", "c") + 1 == 2)

# ---- errors: syntax -------------------------------------------------------------------------------
error("id >", "cannot parse expression: id >, error: line 1:4")
error("id > 5 )", "cannot parse expression: id > 5 ), error: invalid expression: id > 5 )")
error("(id > 5", "cannot parse expression: (id > 5, error: line 1:7 missing ')' at '<EOF>'")
error("(id > 5 5)", "cannot parse expression: (id > 5 5), error: line 1:8 extraneous input '5' expecting ')'")
error("id = 5", "cannot parse expression: id = 5, error: invalid expression: id = 5")
error("id > 5 and", "cannot parse expression: id > 5 and, error: line 1:10")
error("id @ 5", "cannot parse expression: id @ 5, error: line 1:3 token recognition error at: '@'")
error("s == 'abc", "cannot parse expression: s == 'abc, error: line 1:5 token recognition error at: '''")
error("id in [1, 2", "cannot parse expression: id in [1, 2, error: line 1:11 missing ']' at '<EOF>'")
error("s like kiwi", "error: line 1:7 mismatched input 'kiwi' expecting StringLiteral")
error("s like {p}", "mismatched input '{' expecting StringLiteral", {"p": "a%"})
error("id And id", "invalid expression: id And id")
error("", None) if False else None
error("[1, 2", "cannot parse expression: [1, 2, error: line 1:5 missing ']' at '<EOF>'")
error("json_contains(j['tags'])", "line 1:23 mismatched input ')' expecting ','")
error("id > 1 is null", "invalid expression")
error("id is  null", "invalid expression")
error("id == 99999999999999999999", "value out of range")
error("s == \"bad\\q\"", "cannot parse expression: s == \"bad\\q\", error: invalid syntax")

# ---- errors: types ----------------------------------------------------------------------------------
error('s > 5', "cannot parse expression: s > 5, error: comparisons between VarChar and Int64 are not supported")
error('id == "1"', "comparisons between Int64 and VarChar are not supported")
error('b > 1', "comparisons between Bool and Int64 are not supported")
error("id == 1.5", "cannot cast value to Int64, value: float_val:1.5")
error("i8 < 2.5", "cannot cast value to Int8")
error("id in [1, \"a\"]", "value 'string_val:\"a\"' in list cannot be casted to Int64")
error("id in [1.5]", "in list cannot be casted to Int64")
error('s in ["a", 1]', "in list cannot be casted to VarChar")
error("id in 5", "the right-hand side of 'in' must be a list, but got: 5")
error("id in [id]", "array element type must be generic value, but got: id")
error("5 in [1, 2]", "'term' can only be used on non-const expression, but got: 5")
error('s + 1 == 2', "'add' cannot perform arithmetic between VarChar field and Int64")
error('id * 1.5 == 3', "'multiply' cannot perform arithmetic between Int64 field and Double")
error('f % 2 == 0', "modulo can only apply on integer types")
error('id % 0 == 1', "division or modulus by zero")
error('id / 0 == 1', "division or modulus by zero")
error('1 / 0 == id', "cannot divide by zero")
error("5 - id == 1", "module field is not yet supported")
error("id + i16 == 3", "not supported to do arithmetic operations between multiple fields")
error("(id + 1) * 2 == 6", "complicated arithmetic operations are not supported")
error("id ** 2 == 4", "power can only apply on constants: id**2")
error("id << 1 == 2", "shift is not supported: id<<1")
error("id & 1 == 1", "BitAnd is not supported")
error("id | 1", "BitOr is not supported")
error("id ^ 1", "BitXor is not supported")
error("not id", "not op can only be applied on boolean expression")
error("not id == 1", "not op can only be applied on boolean expression")
error("-id > 1", "unexpected op: -")
error("id", "predicate is not a boolean expression: id, data type: Int64")
error("b", "predicate is not a boolean expression: b, data type: Bool")
error("5", "predicate is not a boolean expression: 5, data type: Int64")
error("true", "predicate is not a boolean expression: true, data type: Bool")
error("id + 1", "predicate is not a boolean expression: id + 1, data type: Int64")
error("id > 1 and 5", "'and' can only be used between boolean expressions")
error("id > 1 or true", "'or' can only be used between boolean expressions")
error("id > 1 and id", "'and' can only be used between boolean expressions")
error("1 == 'a'", "comparison operations cannot be applied to two incompatible operands: 1=='a'")
error("true < false", "comparison operations cannot be applied to two incompatible operands")
error("10 < id < 5", "invalid range: lowerbound is greater than upperbound")
error("5 < id < 5", "invalid range: lowerbound is greater than upperbound")
error("5 <= id <= 4", "invalid range: lowerbound is greater than upperbound")
error('"a" < id < "z"', "invalid range operations")
error("1 < s < 5", "invalid range operations")
error("1.5 < id < 5", "invalid range operations")
error("false < b < true", "invalid range operations on boolean expr")
error("i16 < id < 5", "lowerbound cannot be a non-const expression: i16")
error("nope > 1", "") if False else None
error("vec is null", "cannot parse expression: vec is null, error: IsNull/IsNotNull operations are not supported on vector fields")
error("vec IS NOT NULL", "IsNull/IsNotNull operations are not supported on vector fields")
CASES.append({"expr": "ai[0] is null", "error": {"code": 65535, "contains": "unsupported data type: ARRAY"}})
error("12-size", "predicate is not a boolean expression: 12-size, data type: Int64")
error("12-s", "cannot parse expression: 12-s, error: 'subtract' cannot perform arithmetic between VarChar field and Int64")
error('j["a"] == j["b"]', "two column comparison with JSON type is not supported")
error("id > i64 + 1", "only comparison between two fields is supported")
error("id == [1, 2]", "cannot cast value to Int64")
error('"abc" like "a%"', "like operation on complicated expr is unsupported")
error("random_sample(0.5) and random_sample(0.5)", "random sample expression can only be the last expression in the logical and expression")
error('j["a"] like 5', "mismatched input '5' expecting StringLiteral")
error("text_match(text)", "mismatched input ')' expecting ','")
error("array_length(1) == 1", "cannot parse expression: array_length(1) == 1, error: line 1:13")
error('json_contains_all(j["tags"], [id])', "array element type must be generic value, but got: id")
error("exists", "cannot parse expression: exists, error: line 1:6")
error('$meta["a"][""] == 1', "invalid identifier")
error("j[a] == 1", "invalid expression: j[a] == 1")
error("s like 'a%' like 'b%'", "like operation on complicated expr is unsupported")
error("id in [1] == true", "not supported to combine multiple fields")
error("vec > 1", "comparisons between FloatVector and Int64 are not supported")
error("vec in [1]", "in list cannot be casted to FloatVector")
error("ai > 1", "can not comparisons array fields directly")
error("ai + 1 == 2", "can not comparisons array fields directly")
error("ai like 'a%'", "can not comparisons array fields directly")
error("i32 like 'a%'", "like operation on non-string or no-json field is unsupported")
error("ai[0] like 'a%'", "like operation on non-string or no-json field is unsupported")
error("(id + 1) like 'a%'", "like operation on complicated expr is unsupported")
error('ai["k"] == 1', "can only access array field with integer index")
error('id["k"] == 1', "Int64 data type not supported accessed with []")
error('j[""] == 1', "invalid identifier: j[\"\"]")
error('exists id', "exists operations are only supportted on json field, got:Int64")
error('exists j', "exists operations are only supportted on json key")
error('exists 1', "exists operations are only supported on single fields now, got: 1")
error('json_contains(id, 1)', "contains operation are only supported on json or array fields now, got: id")
error('json_contains_all(j["tags"], "t1")', "ContainsAll operation element must be an array")
error('json_contains_any(j["tags"], 1)', "ContainsAny operation element must be an array")
error('array_contains_all(id, [1])', "contains_all operation are only supported on json or array fields now, got: id")
error('array_contains(ai, "x")', "cannot cast value to Int64")
error('array_contains_any(ai, ["x"])', "ContainsAny operation can't compare between array element type: Int64 and VarChar")
error('json_contains(j["tags"], id)', "contains operation are only supported explicitly specified element, got: id")
error('array_length(id) == 1', "array_length operation are only supported on json or array fields now, got: array_length(id)")
error('array_length(ai) == 1.5', "cannot cast value to Int64, value: float_val:1.5")
error('text_match(s, "x")', "field \"s\" does not enable match")
error('text_match(id, "x")', "text match operation on non-string is unsupported")
error('text_match(text, "x", minimum_should_match=0)', "minimum_should_match should be >= 1, got 0")
error('text_match(text, "x", minimum_should_match=1001)', "minimum_should_match should be <= 1000, got 1001")
error('phrase_match(s, "x")', "field \"s\" does not enable match")
error('phrase_match(text, "x", -1)', "\"slop\" should not be a negative interger. \"slop\" passed: -1")
error('phrase_match(text, "x", id)', "\"slop\" should be a const integer expression")
error("random_sample(0)", "the sample factor should be between 0 and 1")
error("random_sample(1.5)", "the sample factor should be between 0 and 1")
error("random_sample(id)", "\"float factor\" should be a const float expression")
error("random_sample(0.5) and id > 1", "random sample expression can only be the last expression in the logical and expression")
error("id > 1 or random_sample(0.5)", "random sample expression cannot be used in logical and expression")
error("not random_sample(0.5)", "random sample expression cannot be used in unary expression")
error("nosuch(id)", "function nosuch is not supported")
error("st_contains(s, 'POINT(0 0)')", "STContains operation are only supported on geometry fields now")
error("s > ISO '2025-01-01T00:00:00Z'", "field 's' is not a timestamptz datatype")
error("id in {ids}", "the value of expression template variable name {ids} is not found")
error("{k1} < id < {k2}", "the upper value of expression template variable name {k2} is not found", {"k1": 10})
error("{k1} < id < {k2}", "the lower value of expression template variable name {k1} is not found", {"k2": 10})
error("{field} < 10", "cannot parse expression: {field} < 10, error: placeholder was not supported between two constants with operator: <", {"field": "id"})
error("exists {x}", "exists operations are only supported on single fields now, got: {x}", {"x": "j"})
error("id < {k1}", "cannot cast value to Int64", {"k1": [0, 1, 3]})
error("id < {k1}", "cannot cast value to Int64", {"k1": "10"})
error("json_contains_any(j['tags'], {v})", "ContainsAny operation element must be an array", {"v": "t1"})
case("json_contains_all(j['tags'], {v})", lambda r: contains(path(r, "j", "tags"), ["t0", "t1"], "all"), {"v": ["t0", "t1"]})
error("id in {ids}", "the value of term expression template variable {ids} is not array", {"ids": 3})
error("{a} == {b}", "placeholder was not supported between two constants with operator: ==", {"a": 1, "b": 1})
error("id == {v}", "cannot cast value to Int64", {"v": "x"})
error("s == {v}", "cannot cast value to VarChar, value: int64_val:5", {"v": 5})
error("id in {ids}", "cannot cast value to Int64, value: string_val:\"x\"", {"ids": ["x"]})
CASES[:] = [c for c in CASES if c is not None]

COLLECTION = {
    "fields": [
        {"name": "id", "type": "Int64", "primary": True},
        {"name": "vec", "type": "FloatVector", "dim": 2},
        {"name": "i8", "type": "Int8"},
        {"name": "i16", "type": "Int16"},
        {"name": "i32", "type": "Int32"},
        {"name": "i64", "type": "Int64", "nullable": True},
        {"name": "f", "type": "Float"},
        {"name": "d", "type": "Double", "nullable": True},
        {"name": "b", "type": "Bool"},
        {"name": "s", "type": "VarChar", "max_length": 64},
        {"name": "sn", "type": "VarChar", "max_length": 16, "nullable": True},
        {"name": "text", "type": "VarChar", "max_length": 256, "enable_analyzer": True, "enable_match": True},
        {"name": "ai", "type": "Array", "element_type": "Int64", "max_capacity": 8},
        {"name": "as", "type": "Array", "element_type": "VarChar", "max_capacity": 8, "max_length": 16},
        {"name": "af", "type": "Array", "element_type": "Double", "max_capacity": 4},
        {"name": "j", "type": "JSON"},
        {"name": "jn", "type": "JSON", "nullable": True},
    ],
    "enable_dynamic_field": True,
}

print(json.dumps({"collection": COLLECTION, "rows": DATA, "cases": CASES}, indent=1, ensure_ascii=False))
