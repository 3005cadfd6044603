#!/usr/bin/python3
"""Export small torchvision-family classifiers and U-Nets to ONNX as gradient-test fixtures.

Dev script only (npm test never runs Python). Needs Debian's python3-torch and python3-torchvision
(apt-get install -y python3-torch python3-torchvision; run with /usr/bin/python3). Weights are
random (seeded); widths are reduced where torchvision hard-codes large ones, keeping each family's
op pattern (torch.onnx, opset 17 — two at opset 11 — eval mode, dynamic batch). Beside each MODEL.onnx it writes
MODEL.x.npy (a batch of 2 inputs), MODEL.labels.npy and MODEL.grad.npy: torch autograd's gradient
of the summed per-sample cross-entropy (per-pixel mean for segmentation) with respect to x.

Usage: /usr/bin/python3 scripts/export-fixture-models.py [OUT_DIR]   (default tests/fixtures/models)
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import DenseNet, EfficientNet, MobileNetV2, MobileNetV3, VisionTransformer
from torchvision.models.convnext import CNBlockConfig, ConvNeXt
from torchvision.models.efficientnet import _efficientnet_conf
from torchvision.models.mobilenetv3 import _mobilenet_v3_conf
from torchvision.models.resnet import BasicBlock
from torchvision.models.squeezenet import Fire

MAX_BYTES = 2 * 1024 * 1024


class SmallResNet(nn.Module):
    """torchvision ResNet layout (stem 7×7/2, MaxPool, BasicBlocks with 1×1 downsample, GAP, fc) at 1/8 width."""

    def __init__(self, classes=3):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 7, 2, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1))
        layers, cin = [], 8
        for cout, stride in [(8, 1), (16, 2), (32, 2), (64, 2)]:
            down = None
            if stride != 1 or cin != cout:
                down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
            layers += [BasicBlock(cin, cout, stride, down), BasicBlock(cout, cout)]
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(self.layers(self.stem(x)), 1), 1))


class SmallSqueezeNet(nn.Module):
    """torchvision SqueezeNet 1.1 layout (Fire modules, MaxPool ceil_mode, conv classifier) at 1/4 width."""

    def __init__(self, classes=3):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, ceil_mode=True),
            Fire(16, 4, 16, 16), Fire(32, 4, 16, 16), nn.MaxPool2d(3, 2, ceil_mode=True),
            Fire(32, 8, 32, 32), nn.MaxPool2d(3, 2, ceil_mode=True), Fire(64, 12, 48, 48))
        self.classifier = nn.Sequential(nn.Dropout(0.5), nn.Conv2d(96, classes, 1), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1))

    def forward(self, x):
        return torch.flatten(self.classifier(self.features(x)), 1)


class DoubleConv(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class UNet(nn.Module):
    """milesial/Pytorch-UNet layout (DoubleConv, MaxPool down, ConvTranspose or bilinear up, pad, concat) at small width."""

    def __init__(self, bilinear, classes=2, w=4):
        super().__init__()
        self.bilinear = bilinear
        self.inc = DoubleConv(1, w)
        self.down1 = DoubleConv(w, 2 * w)
        self.down2 = DoubleConv(2 * w, 4 * w)
        self.up1 = None if bilinear else nn.ConvTranspose2d(4 * w, 2 * w, 2, 2)
        self.conv1 = DoubleConv(6 * w if bilinear else 4 * w, 2 * w)
        self.up2 = None if bilinear else nn.ConvTranspose2d(2 * w, w, 2, 2)
        self.conv2 = DoubleConv(3 * w if bilinear else 2 * w, w)
        self.outc = nn.Conv2d(w, classes, 1)

    def up(self, layer, x, skip):
        x = F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=True) if self.bilinear else layer(x)
        dy, dx = skip.size(2) - x.size(2), skip.size(3) - x.size(3)
        x = F.pad(x, [dx // 2, dx - dx // 2, dy // 2, dy - dy // 2])
        return torch.cat([skip, x], dim=1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(F.max_pool2d(x1, 2))
        x3 = self.down2(F.max_pool2d(x2, 2))
        y = self.conv1(self.up(self.up1, x3, x2))
        y = self.conv2(self.up(self.up2, y, x1))
        return self.outc(y)


class XrvLike(nn.Module):
    """TorchXRayVision's DenseNet head: 1-channel input in [−1024, 1024], sigmoid, then `op_norm`
    (mlmed/torchxrayvision models.py), whose boolean-mask indexing exports as NonZero/GatherND/ScatterND."""

    def __init__(self, classes=3):
        super().__init__()
        self.net = DenseNet(growth_rate=8, block_config=(2, 2), num_init_features=16, num_classes=classes)
        self.net.features.conv0 = nn.Conv2d(1, 16, 7, 2, 3, bias=False)
        self.register_buffer('op_threshs', torch.tensor([0.3, 0.5, 0.7]))

    def logits(self, x):
        return self.net(x / 1024.0)

    def forward(self, x):
        outputs = torch.sigmoid(self.logits(x))
        op_threshs = self.op_threshs.expand(outputs.shape[0], -1)
        outputs_new = torch.zeros(outputs.shape, device=outputs.device)
        mask_leq = outputs < op_threshs
        outputs_new[mask_leq] = outputs[mask_leq] / (op_threshs[mask_leq] * 2)
        outputs_new[~mask_leq] = 1.0 - ((1.0 - outputs[~mask_leq]) / ((1 - op_threshs[~mask_leq]) * 2))
        return outputs_new


def models():
    """(name, model, input shape without batch, segmentation?, opset)."""
    mnv3, mnv3_last = _mobilenet_v3_conf('mobilenet_v3_small', width_mult=0.25)
    eff, eff_last = _efficientnet_conf('efficientnet_b0', width_mult=0.25, depth_mult=0.25)
    yield 'resnet', SmallResNet(), (3, 32, 32), False, 17
    yield 'densenet', DenseNet(growth_rate=8, block_config=(2, 2, 2, 2), num_init_features=16, num_classes=3), (3, 32, 32), False, 17
    yield 'mobilenet_v2', MobileNetV2(num_classes=3, width_mult=0.25), (3, 32, 32), False, 17
    yield 'mobilenet_v3', MobileNetV3(mnv3, mnv3_last, num_classes=3), (3, 32, 32), False, 17
    yield 'efficientnet', EfficientNet(eff, 0.2, num_classes=3, last_channel=eff_last), (3, 32, 32), False, 17
    yield 'squeezenet', SmallSqueezeNet(), (3, 35, 35), False, 17
    yield 'convnext', ConvNeXt([CNBlockConfig(16, 32, 1), CNBlockConfig(32, None, 1)], num_classes=3), (3, 32, 32), False, 17
    yield 'vit', VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2, hidden_dim=16, mlp_dim=32, num_classes=3), (3, 32, 32), False, 17
    yield 'unet_convtranspose', UNet(bilinear=False), (1, 30, 30), True, 17
    yield 'unet_bilinear', UNet(bilinear=True), (1, 30, 30), True, 17
    yield 'xrv_like', XrvLike(), (1, 32, 32), False, 17
    # Opset 11: LayerNorm decomposed (ReduceMean/Sub/Pow/Sqrt/Div), axes as attributes, old Softmax.
    yield 'convnext_opset11', ConvNeXt([CNBlockConfig(16, 32, 1), CNBlockConfig(32, None, 1)], num_classes=3), (3, 32, 32), False, 11
    yield 'vit_opset11', VisionTransformer(image_size=32, patch_size=8, num_layers=1, num_heads=2, hidden_dim=16, mlp_dim=32, num_classes=3), (3, 32, 32), False, 11


def randomise(model):
    """Non-trivial BatchNorm statistics, so folded and unfolded BN both matter."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, model, shape, segmentation, opset in models():
        torch.manual_seed(0)
        for p in model.parameters():
            fan_in = p[0].numel() if p.dim() > 1 else 1
            p.data.normal_(0, (1.5 / fan_in) ** 0.5 if p.dim() > 1 else 0.1)
        randomise(model)
        if isinstance(model, SmallSqueezeNet):
            model.classifier[1].bias.data.fill_(1.0)  # keep the final ReLU alive, or every gradient is 0
        model.eval()
        path = os.path.join(out, f'{name}.onnx')
        x = torch.rand(2, *shape, generator=torch.Generator().manual_seed(1))
        if isinstance(model, XrvLike):
            x = x * 2048 - 1024
        torch.onnx.export(model, x, path, opset_version=opset, input_names=['input'], output_names=['output'],
                          dynamic_axes={'input': {0: 'N'}, 'output': {0: 'N'}}, do_constant_folding=True)
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            os.remove(path)
            print(f'{name}: {size} bytes > {MAX_BYTES}; not kept')
            continue
        xg = x.clone().requires_grad_(True)
        # Gradients are of the logits: for XrvLike, those before sigmoid and op_norm (what Aegis attacks).
        y = model.logits(xg) if isinstance(model, XrvLike) else model(xg)
        if segmentation:
            labels = torch.randint(0, y.shape[1], (2, *y.shape[2:]), generator=torch.Generator().manual_seed(2))
            loss = F.cross_entropy(y, labels, reduction='none').mean(dim=(1, 2)).sum()
        else:
            labels = torch.tensor([1, 2])
            loss = F.cross_entropy(y, labels, reduction='sum')
        loss.backward()
        np.save(os.path.join(out, f'{name}.x.npy'), x.numpy().astype(np.float32))
        np.save(os.path.join(out, f'{name}.labels.npy'), labels.numpy().astype(np.int64))
        np.save(os.path.join(out, f'{name}.grad.npy'), xg.grad.numpy().astype(np.float32))
        print(f'{name}: {size} bytes, output {tuple(y.shape)}, loss {loss.item():.4f}')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'models'))
