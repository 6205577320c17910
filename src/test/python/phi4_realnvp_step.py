#!/usr/bin/env python3
"""PyTorch reference for FlowLab's `bench` workload phi4_realnvp_rkl.

One reverse-KL training step of the RealNVP flow that FlowLab trains in that workload, written
independently in PyTorch so that the step times can be compared on the same machine:

  * phi^4 on an 8 x 8 torus in FlowLab's parametrisation,
    S = sum_x [(2 + m2/2) phi^2 + (lambda/24) phi^4 - sum_mu phi_x phi_{x+mu}],
    at m2 = -4, lambda = 48 (the 2021 tutorial point, arXiv:2101.08176);
  * prior: independent N(0, 1) per site;
  * 16 affine couplings x' = m x + (1 - m)(x e^s + t) with alternating checkerboard masks
    (layer i freezes the sites with t + x + i even), s and t from a CNN 1 -> 8 -> 8 -> 2 with
    3 x 3 kernels, circular padding, LeakyReLU(0.01) between convolutions and tanh on the output;
  * loss L = mean[log q(x) + S(x)], Adam (lr 1e-3, betas 0.9 / 0.999, eps 1e-8), batch 64,
    float32, CPU.

Prints the median wall time of a step after warm-up as `ms_per_step=...`, with the last loss
and the ESS of the last batch so that a run can be checked to train.

Usage: python3 phi4_realnvp_step.py [--threads N] [--warmup 50] [--steps 300] [--seed 1]
"""

import argparse
import math
import statistics
import time

import torch
import torch.nn.functional as F

L = 8
M2 = -4.0
LAMBDA = 48.0
BATCH = 64
LAYERS = 16
HIDDEN = (8, 8)
KERNEL = 3


def action(phi):
    """S(phi) per configuration, phi of shape [batch, L, L]."""
    hop = phi * (torch.roll(phi, -1, 1) + torch.roll(phi, -1, 2))
    local = (2.0 + M2 / 2.0) * phi ** 2 + (LAMBDA / 24.0) * phi ** 4
    return (local - hop).sum(dim=(1, 2))


class ConvNet(torch.nn.Module):
    """Circularly padded convolutions with LeakyReLU in between and tanh at the end."""

    def __init__(self, channels):
        super().__init__()
        self.convs = torch.nn.ModuleList(
            torch.nn.Conv2d(a, b, KERNEL, padding=KERNEL // 2, padding_mode="circular")
            for a, b in zip(channels[:-1], channels[1:]))

    def forward(self, x):
        for i, conv in enumerate(self.convs):
            x = conv(x)
            if i < len(self.convs) - 1:
                x = F.leaky_relu(x, 0.01)
        return torch.tanh(x)


class AffineCoupling(torch.nn.Module):
    """x' = m x + (1 - m)(x e^s + t) with (s, t) = net(m x); log det = sum (1 - m) s."""

    def __init__(self, parity):
        super().__init__()
        t, x = torch.meshgrid(torch.arange(L), torch.arange(L), indexing="ij")
        frozen = ((t + x + parity) % 2 == 0).float()
        self.register_buffer("frozen", frozen[None, None])
        self.register_buffer("active", 1.0 - frozen[None, None])
        self.net = ConvNet((1,) + HIDDEN + (2,))

    def forward(self, x):
        st = self.net(x * self.frozen) * self.active
        s, t = st[:, 0:1], st[:, 1:2]
        return x * torch.exp(s) + t, s.sum(dim=(1, 2, 3))


class RealNvp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = torch.nn.ModuleList(AffineCoupling(i % 2) for i in range(LAYERS))

    def sample(self, n):
        """x = f(z), z ~ N(0, 1), and log q(x) = log r(z) - log|det J|."""
        z = torch.randn(n, 1, L, L)
        log_q = -0.5 * (z ** 2).sum(dim=(1, 2, 3)) - 0.5 * L * L * math.log(2 * math.pi)
        x = z
        for layer in self.layers:
            x, log_det = layer(x)
            log_q = log_q - log_det
        return x[:, 0], log_q


def ess(log_w):
    w = torch.exp(log_w - log_w.max())
    return (w.sum() ** 2 / (len(w) * (w ** 2).sum())).item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: PyTorch's default)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--L", type=int, default=8, help="lattice size (as flowlab bench --L)")
    args = parser.parse_args()
    global L
    L = args.L
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    flow = RealNvp()
    optimiser = torch.optim.Adam(flow.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    times = []
    loss = log_w = None
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        x, log_q = flow.sample(BATCH)
        s = action(x)
        loss = (log_q + s).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        log_w = (-s - log_q).detach()
        elapsed = (time.perf_counter() - start) * 1000
        if step >= args.warmup:
            times.append(elapsed)
    print(f"L={L} threads={torch.get_num_threads()} warmup={args.warmup} steps={args.steps}")
    print(f"final_loss={loss.item():.4f} ess={ess(log_w):.4f}")
    print(f"ms_per_step={statistics.median(times):.3f}")


if __name__ == "__main__":
    main()
