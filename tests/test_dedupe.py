"""Exact and near-duplicate detection."""

from foedus.ingest.dedupe import jaccard, lsh_buckets, shingles, signature_similarity, sketch, text_hash, worth_verifying

BASE = (
    "Heavy shelling was reported overnight along the eastern section of the border. The defence ministry said "
    "three positions came under fire from mortars and drones shortly after midnight, and that its units returned "
    "fire. Officials in the capital called on the guarantors of the ceasefire to respond, while the other side "
    "said it had only answered an earlier attack. Residents of two villages spent the night in basements, "
    "according to the regional governor, who said a school and a clinic were damaged."
)
EDITED = BASE.replace("Heavy shelling", "Intense shelling").replace("two villages", "several villages") + (
    " The governor added that buses would evacuate children on Thursday."
)
OTHER = (
    "The central bank raised its key rate by half a point on Wednesday, citing inflation that has stayed above "
    "target for a year. Analysts had expected a smaller move, and the currency strengthened after the decision."
)


def test_text_hash_folds_quotes_case_and_spacing() -> None:
    assert text_hash("He said \u201cno\u201d.  Then  left") == text_hash('he said "no". then left')
    assert text_hash("a b") != text_hash("a c")


def test_near_duplicates_share_buckets_and_score_high() -> None:
    score = jaccard(shingles(BASE), shingles(EDITED))
    assert 0.6 < score < 1.0
    assert set(lsh_buckets(BASE)) & set(lsh_buckets(EDITED))
    assert jaccard(shingles(BASE), shingles(OTHER)) < 0.05
    assert not set(lsh_buckets(BASE)) & set(lsh_buckets(OTHER))


def test_lsh_buckets_are_those_of_a_freshly_drawn_minhash() -> None:
    import hashlib

    from datasketch import MinHash

    from foedus.ingest.dedupe import BANDS, NUM_PERM, ROWS

    for text in (BASE, EDITED, OTHER):
        mh = MinHash(num_perm=NUM_PERM, seed=7)
        mh.update_batch([s.encode("utf-8") for s in shingles(text)])
        expected = [(band, int.from_bytes(hashlib.blake2b(mh.hashvalues[band * ROWS:(band + 1) * ROWS].tobytes(),
                                                          digest_size=8).digest(), "little", signed=True))
                    for band in range(BANDS)]
        assert lsh_buckets(text) == expected
    assert lsh_buckets("") == []


def test_hashed_shingles_score_as_the_string_shingles_do() -> None:
    import pytest

    from foedus.ingest.dedupe import hashed_jaccard, shingle_hashes

    short = "Talks resumed."
    repeated = "the ceasefire held and the ceasefire held and the ceasefire held again"
    texts = [BASE, EDITED, OTHER, short, "Talks resumed!", repeated, "", "Fire."]
    for k in (1, 2, 3, 5):
        for a in texts:
            ha = shingle_hashes(a, k)
            assert ha.size == len(shingles(a, k))  # one distinct hash per distinct shingle
            assert list(ha) == sorted(ha)
            for b in texts:
                assert hashed_jaccard(ha, shingle_hashes(b, k)) == pytest.approx(jaccard(shingles(a, k), shingles(b, k)))
    assert hashed_jaccard(shingle_hashes(short), shingle_hashes("talks  RESUMED")) == 1.0  # folded as text_hash folds
    assert hashed_jaccard(shingle_hashes(""), shingle_hashes("")) == 0.0
    # the order of the words counts, not only which words occur
    assert hashed_jaccard(shingle_hashes("rebels shelled the town"), shingle_hashes("the town shelled rebels")) == 0.0
    with pytest.raises(ValueError, match="shingle width"):
        shingle_hashes(BASE, 0)


def test_signatures_estimate_the_shingle_similarity() -> None:
    base, edited, other = sketch(BASE), sketch(EDITED), sketch(OTHER)
    assert len(base.signature) == 128 * 4 and base.buckets == lsh_buckets(BASE)
    assert signature_similarity(base.signature, base.signature) == 1.0
    exact = jaccard(shingles(BASE), shingles(EDITED))
    assert abs(signature_similarity(base.signature, edited.signature) - exact) < 0.15
    assert signature_similarity(base.signature, other.signature) < 0.1
    # a document stored without one, or a damaged one: no estimate
    assert signature_similarity(base.signature, None) is None
    assert signature_similarity(base.signature, base.signature[:-4]) is None
    assert sketch("").signature == b"" and sketch("").buckets == []


def test_only_pairs_far_below_the_threshold_go_unverified() -> None:
    assert worth_verifying(None, 0.5)  # no estimate: always verified
    assert worth_verifying(0.3, 0.5)  # within six standard errors (0.27) of the threshold
    assert not worth_verifying(0.2, 0.5)
    assert worth_verifying(0.0, 0.0)
