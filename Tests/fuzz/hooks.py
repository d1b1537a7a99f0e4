"""Schemathesis hooks for Trực ATTT's API fuzz run (Tests/fuzz/run).

Operations that make the server connect somewhere (monitors, webhooks, DNS resolvers) only ever get loopback
targets here: whatever the generator put in a target field is replaced before the request is sent, so the run
sends no traffic beyond 127.0.0.1, whatever the server's outbound policy would decide.
"""
import schemathesis

LOOPBACK_BY_KIND = {"http": "http://127.0.0.1:9/fuzz", "tcp": "127.0.0.1:9", "tls": "127.0.0.1:9", "dns": "fuzz.invalid"}
LOOPBACK_FIELDS = {"url": "http://127.0.0.1:9/fuzz", "host": "127.0.0.1", "dnsServer": "127.0.0.1:53",
                   "resolver": "127.0.0.1:53", "nameserver": "127.0.0.1:53"}
TARGET_OPERATIONS = ("/monitors", "/webhooks", "/outbound", "/allow")


def _rewrite(value):
    if isinstance(value, list):
        return [_rewrite(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: (LOOPBACK_FIELDS[k] if k in LOOPBACK_FIELDS else _rewrite(v)) for k, v in value.items()}
    if "target" in out:
        kind = out.get("kind") if isinstance(out.get("kind"), str) else None
        out["target"] = LOOPBACK_BY_KIND.get(kind, "http://127.0.0.1:9/fuzz")
        if kind == "dns":
            settings = out.get("settings") if isinstance(out.get("settings"), dict) else {}
            out["settings"] = {**settings, "dnsServer": "127.0.0.1:53"}
    return out


@schemathesis.hook
def before_call(context, case, **kwargs):
    if any(part in case.operation.path for part in TARGET_OPERATIONS) and isinstance(case.body, (dict, list)):
        case.body = _rewrite(case.body)
