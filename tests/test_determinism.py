"""Same article, same records: the record rules must not depend on the process's hash seed (set iteration order),
or one process, a Ray actor and a rerun give different records for the same input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "hash_seed_article.json"

SCRIPT = """
import json, sys
from qianyue.results import Entity
from qianyue.rules import build_records
d = json.load(open(sys.argv[1], encoding="utf-8"))
ents = [Entity(label, d["text"][s:e], s, e, score) for label, s, e, score in d["entities"]]
print(json.dumps([a.to_dict() for a in build_records(d["text"], ents, d["published"])], ensure_ascii=False,
                 sort_keys=True))
"""


def test_records_do_not_depend_on_the_hash_seed():
    outputs = set()
    for seed in range(6):
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
        run = subprocess.run([sys.executable, "-c", SCRIPT, str(FIXTURE)], env=env, capture_output=True, text=True,
                             timeout=120)
        assert run.returncode == 0, run.stderr[-500:]
        assert json.loads(run.stdout), "the fixture must give records"
        outputs.add(run.stdout)
    assert len(outputs) == 1
