import shutil
from pathlib import Path

import pytest

from storyline.nlp import ModelIntegrityError, load_pipeline
from storyline.nlp import model as model_module
from storyline.records import ParseNeeds
from storyline.settings import NlpSettings


def linked_copy(source: Path, target: Path, tampered: str | None = None, missing: str | None = None) -> None:
    """The model folder rebuilt from symlinks (fast), with one file really copied and altered, or left out."""
    for path in source.rglob("*"):
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        if path.is_dir() or relative == missing:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        if relative == tampered:
            shutil.copyfile(path, destination)
            data = bytearray(destination.read_bytes())
            data[len(data) // 2] ^= 0xFF
            destination.write_bytes(bytes(data))
        else:
            destination.symlink_to(path)


def test_installed_model_is_verified_and_loads():
    nlp = load_pipeline(NlpSettings(), ParseNeeds(frozenset({"meet"})))
    assert {"ner", "parser", "lemmatizer"} <= set(nlp.component_names)
    doc = nlp("The council met in Lisbon on Friday. Rain is expected.")
    assert any(ent.label_ == "GPE" for ent in doc.ents)
    first, second = doc.sents
    assert [t.lemma_ for t in first][:3] == ["the", "council", "meet"]  # a trigger sentence is parsed
    assert first.root.lemma_ == "meet" and doc[1].dep_ == "nsubj"
    assert second.text == "Rain is expected." and not any(t.lemma_ for t in second)  # the other is not


def test_parse_all_sentences_parses_every_sentence():
    nlp = load_pipeline(NlpSettings(parse_all_sentences=True))
    doc = nlp("The council met in Lisbon on Friday. Rain is expected.")
    assert all(t.lemma_ for t in doc if not t.is_punct) and len(list(doc.sents)) == 2


def test_tampered_weight_file_is_refused_naming_file_and_hashes(tmp_path):
    source = model_module.model_folder(NlpSettings())
    linked_copy(source, tmp_path, tampered="ner/model")
    with pytest.raises(ModelIntegrityError) as error:
        load_pipeline(NlpSettings(model_path=str(tmp_path)))
    message = str(error.value)
    expected = model_module.read_checksums(model_module.CHECKSUM_LIST)["ner/model"]
    assert "ner/model" in message and expected in message
    assert model_module.sha256_of(tmp_path / "ner" / "model") in message


def test_missing_weight_file_is_refused(tmp_path):
    linked_copy(model_module.model_folder(NlpSettings()), tmp_path, missing="parser/model")
    with pytest.raises(ModelIntegrityError, match="parser/model"):
        load_pipeline(NlpSettings(model_path=str(tmp_path)))


def test_verification_is_cached_until_a_file_changes(tmp_path, monkeypatch):
    linked_copy(model_module.model_folder(NlpSettings()), tmp_path, tampered="tagger/model")
    real = model_module.read_checksums(model_module.CHECKSUM_LIST)
    checksums = tmp_path / "list.sha256"
    real["tagger/model"] = model_module.sha256_of(tmp_path / "tagger" / "model")
    checksums.write_text("".join(f"{digest}  {path}\n" for path, digest in real.items()))
    hashed = []
    original = model_module.sha256_of
    monkeypatch.setattr(model_module, "sha256_of", lambda path: hashed.append(path) or original(path))
    model_module.verify_model(tmp_path, checksums)
    first = len(hashed)
    model_module.verify_model(tmp_path, checksums)
    assert first == len(real) and len(hashed) == first  # second check: no file hashed again
    (tmp_path / "tagger" / "model").write_bytes(b"changed")
    with pytest.raises(ModelIntegrityError, match="tagger/model"):
        model_module.verify_model(tmp_path, checksums)
