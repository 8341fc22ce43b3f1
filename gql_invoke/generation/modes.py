"""Text-to-image, image-to-image and inpainting on one loaded model.

The three are diffusers pipelines of different classes over the same modules:
``from_pipe`` builds the img2img or inpaint one from the loaded text-to-image
pipeline without copying a weight. A dedicated inpainting checkpoint (a UNet with
9 input channels: latents, mask and masked-image latents) cannot run the
text-to-image or img2img pipelines at all, so on such a model every mode runs
through its inpaint pipeline: text-to-image as an all-white mask over a grey
image at strength 1, img2img as an all-white mask at the given strength.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from diffusers import (
    StableDiffusionImg2ImgPipeline,
    StableDiffusionInpaintPipeline,
    StableDiffusionXLImg2ImgPipeline,
    StableDiffusionXLInpaintPipeline,
)
from PIL import Image

Mode = Literal["txt2img", "img2img", "inpaint"]

# The UNet of a dedicated inpainting model takes latents (4) + mask (1) + masked image (4).
INPAINT_UNET_CHANNELS = 9


def is_sdxl(pipe: Any) -> bool:
    """SDXL pipelines have a second text encoder (and size conditioning)."""
    return getattr(pipe, "text_encoder_2", None) is not None


def is_inpaint_model(pipe: Any) -> bool:
    return int(pipe.unet.config.in_channels) == INPAINT_UNET_CHANNELS


def pipeline_mode(base_pipe: Any, mode: Mode) -> Mode:
    """The pipeline a request of ``mode`` runs through on this model (see the module doc)."""
    return "inpaint" if is_inpaint_model(base_pipe) else mode


def pipeline_class(base_pipe: Any, mode: Mode) -> Any:
    """The diffusers class for ``mode`` on this model; the loaded one for text-to-image."""
    if mode == "txt2img":
        return type(base_pipe)
    if is_sdxl(base_pipe):
        return (
            StableDiffusionXLImg2ImgPipeline
            if mode == "img2img"
            else StableDiffusionXLInpaintPipeline
        )
    return StableDiffusionImg2ImgPipeline if mode == "img2img" else StableDiffusionInpaintPipeline


def load_image(path: Path, width: int, height: int) -> Image.Image:
    """The init image as RGB at the generation size (resized when it differs)."""
    with Image.open(path) as img:
        rgb = img.convert("RGB")
    if rgb.size != (width, height):
        rgb = rgb.resize((width, height), Image.Resampling.LANCZOS)
    return rgb


def load_mask(path: Path, width: int, height: int) -> Image.Image:
    """The mask as greyscale at the generation size: white repaints, black keeps."""
    with Image.open(path) as img:
        grey = img.convert("L")
    if grey.size != (width, height):
        grey = grey.resize((width, height), Image.Resampling.BILINEAR)
    return grey


def image_kwargs(
    base_pipe: Any,
    mode: Mode,
    size: tuple[int, int],
    init: Image.Image | None,
    mask: Image.Image | None,
    strength: float | None,
) -> dict[str, Any]:
    """The image arguments of one call, for the pipeline pipeline_mode() picked."""
    run_mode = pipeline_mode(base_pipe, mode)
    if run_mode == "txt2img":
        return {}
    if run_mode == "img2img":
        assert init is not None and strength is not None
        return {"image": init, "strength": strength}
    width, height = size
    if init is None:  # text-to-image on an inpainting model: all of a blank image
        init, strength = Image.new("RGB", size, (127, 127, 127)), 1.0
    if mask is None:  # img2img on an inpainting model: all of the init image
        mask = Image.new("L", size, 255)
    return {
        "image": init,
        "mask_image": mask,
        "strength": 1.0 if strength is None else strength,
        "width": width,
        "height": height,
    }
