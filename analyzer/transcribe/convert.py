"""Turn a CTranslate2 Whisper `model.bin` into an openai-whisper checkpoint (cached once).

model.bin (binary version 6): u32 version, the spec name, u32 revision, u32 variable count,
then per variable its name, rank, dims, dtype and little-endian data, then aliases. The
tensors are openai-whisper's own under other names; the fused attention projections are
split back into query/key/value (the key bias CTranslate2 stores is all zeros and openai's key
projection has none). config.json's alignment_heads are stored so word timestamps use the same
cross-attention heads as faster-whisper.
"""
from __future__ import annotations

import base64
import gzip
import json
import os
import re
import struct
from pathlib import Path

import numpy as np

from .models import ModelError

_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}


def read_ct2(path: Path) -> dict[str, np.ndarray]:
    """All variables of a CTranslate2 model.bin (aliases resolved)."""
    data = memoryview(Path(path).read_bytes())
    pos = 0

    def take(fmt: str):
        nonlocal pos
        values = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return values

    def name() -> str:
        nonlocal pos
        (n,) = take("<H")
        text = bytes(data[pos:pos + n]).rstrip(b"\0").decode()
        pos += n
        return text

    (version,) = take("<I")
    if version != 6:
        raise ModelError(f"{path}: CTranslate2 model.bin version {version} is not supported (6)")
    spec = name()
    if spec != "WhisperSpec":
        raise ModelError(f"{path}: not a Whisper model ({spec})")
    take("<I")  # revision
    (count,) = take("<I")
    out: dict[str, np.ndarray] = {}
    for _ in range(count):
        key = name()
        (rank,) = take("<B")
        dims = take("<" + "I" * rank) if rank else ()
        dtype, nbytes = take("<BI")
        out[key] = np.frombuffer(data[pos:pos + nbytes], dtype=_DTYPES[dtype]).reshape(dims)
        pos += nbytes
    (aliases,) = take("<I")
    for _ in range(aliases):
        alias, target = name(), name()
        out[alias] = out[target]
    return out


_RENAMES = [  # CTranslate2 name pattern -> openai-whisper state_dict name
    (r"(encoder|decoder)/layer_(\d+)/self_attention/linear_1/(weight|bias)", r"\1.blocks.\2.attn.out.\3"),
    (r"(encoder|decoder)/layer_(\d+)/self_attention/layer_norm/gamma", r"\1.blocks.\2.attn_ln.weight"),
    (r"(encoder|decoder)/layer_(\d+)/self_attention/layer_norm/beta", r"\1.blocks.\2.attn_ln.bias"),
    (r"decoder/layer_(\d+)/attention/linear_0/(weight|bias)", r"decoder.blocks.\1.cross_attn.query.\2"),
    (r"decoder/layer_(\d+)/attention/linear_2/(weight|bias)", r"decoder.blocks.\1.cross_attn.out.\2"),
    (r"decoder/layer_(\d+)/attention/layer_norm/gamma", r"decoder.blocks.\1.cross_attn_ln.weight"),
    (r"decoder/layer_(\d+)/attention/layer_norm/beta", r"decoder.blocks.\1.cross_attn_ln.bias"),
    (r"(encoder|decoder)/layer_(\d+)/ffn/linear_0/(weight|bias)", r"\1.blocks.\2.mlp.0.\3"),
    (r"(encoder|decoder)/layer_(\d+)/ffn/linear_1/(weight|bias)", r"\1.blocks.\2.mlp.2.\3"),
    (r"(encoder|decoder)/layer_(\d+)/ffn/layer_norm/gamma", r"\1.blocks.\2.mlp_ln.weight"),
    (r"(encoder|decoder)/layer_(\d+)/ffn/layer_norm/beta", r"\1.blocks.\2.mlp_ln.bias"),
    (r"encoder/conv([12])/(weight|bias)", r"encoder.conv\1.\2"),
    (r"encoder/position_encodings/encodings", "encoder.positional_embedding"),
    (r"decoder/position_encodings/encodings", "decoder.positional_embedding"),
    (r"decoder/embeddings/weight", "decoder.token_embedding.weight"),
    (r"encoder/layer_norm/gamma", "encoder.ln_post.weight"),
    (r"encoder/layer_norm/beta", "encoder.ln_post.bias"),
    (r"decoder/layer_norm/gamma", "decoder.ln.weight"),
    (r"decoder/layer_norm/beta", "decoder.ln.bias"),
]
_FUSED_QKV = re.compile(r"(encoder|decoder)/layer_(\d+)/self_attention/linear_0/(weight|bias)")
_FUSED_KV = re.compile(r"decoder/layer_(\d+)/attention/linear_1/(weight|bias)")


def state_dict(ct2: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """openai-whisper's state_dict from CTranslate2 variables."""
    out: dict[str, np.ndarray] = {}
    for key, value in ct2.items():
        if m := _FUSED_QKV.fullmatch(key):
            side, layer, kind = m.groups()
            q, k, v = np.split(value, 3)
            base = f"{side}.blocks.{layer}.attn"
            out[f"{base}.query.{kind}"], out[f"{base}.value.{kind}"] = q, v
            if kind == "weight":
                out[f"{base}.key.weight"] = k
        elif m := _FUSED_KV.fullmatch(key):
            layer, kind = m.groups()
            k, v = np.split(value, 2)
            base = f"decoder.blocks.{layer}.cross_attn"
            out[f"{base}.value.{kind}"] = v
            if kind == "weight":
                out[f"{base}.key.weight"] = k
        else:
            for pattern, repl in _RENAMES:
                if re.fullmatch(pattern, key):
                    out[re.sub(pattern, repl, key)] = value
                    break
    return out


def dims(ct2: dict[str, np.ndarray]) -> dict[str, int]:
    """openai-whisper ModelDimensions from tensor shapes and the stored head counts."""
    def layers(side: str) -> int:
        return len({m.group(1) for k in ct2 if (m := re.match(rf"{side}/layer_(\d+)/", k))})

    n_audio_state, n_mels, _ = ct2["encoder/conv1/weight"].shape
    return {"n_mels": int(n_mels),
            "n_audio_ctx": int(ct2["encoder/position_encodings/encodings"].shape[0]),
            "n_audio_state": int(n_audio_state),
            "n_audio_head": int(ct2["encoder/num_heads"]),
            "n_audio_layer": layers("encoder"),
            "n_vocab": int(ct2["decoder/embeddings/weight"].shape[0]),
            "n_text_ctx": int(ct2["decoder/position_encodings/encodings"].shape[0]),
            "n_text_state": int(ct2["decoder/embeddings/weight"].shape[1]),
            "n_text_head": int(ct2["decoder/num_heads"]),
            "n_text_layer": layers("decoder")}


def alignment_dump(config: Path, n_layers: int, n_heads: int) -> bytes | None:
    """config.json's [[layer, head], ...] in openai-whisper's set_alignment_heads() encoding."""
    try:
        pairs = json.loads(config.read_text()).get("alignment_heads")
    except (OSError, ValueError):
        return None
    if not pairs:
        return None
    mask = np.zeros((n_layers, n_heads), dtype=bool)
    for layer, head in pairs:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes(), mtime=0))


def convert(ct2_dir: Path, out: Path) -> Path:
    """Write an openai-whisper checkpoint for the CTranslate2 model in `ct2_dir` to `out`."""
    import torch

    ct2 = read_ct2(ct2_dir / "model.bin")
    d = dims(ct2)
    tensors = {k: torch.from_numpy(np.array(v)) for k, v in state_dict(ct2).items()}
    checkpoint = {"dims": d, "model_state_dict": tensors}
    heads = alignment_dump(ct2_dir / "config.json", d["n_text_layer"], d["n_text_head"])
    if heads is not None:
        checkpoint["alignment_heads"] = heads
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
    torch.save(checkpoint, tmp)
    os.replace(tmp, out)
    return out
