#!/usr/bin/env python3
"""PyTorch reference for FlowLab's `bench` workload u1_gauge_flow.

One reverse-KL training step of the gauge-equivariant U(1) flow that FlowLab trains in that
workload (Kanwar et al., arXiv:2003.06413; tutorial arXiv:2101.08176), written independently
in PyTorch so that the step times can be compared on the same machine:

  * U(1) links theta_mu(x) on an L x L torus (8 x 8 unless --L), shape [batch, 2, L, L], Wilson action
    S = -beta sum_x cos theta_P(x) at beta = 2, with
    theta_P(x) = theta_0(x) + theta_1(x + 0) - theta_0(x + 1) - theta_1(x);
  * prior: uniform (Haar) links on [0, 2 pi);
  * 16 couplings; layer i updates the links of direction mu = i mod 2 whose plaquette lies on
    the stripe x_nu = (i / 2) mod 4 (nu = 1 - mu): each such "active" plaquette P goes through
    a circular rational-quadratic spline with 8 bins plus a rotation, h(P), and its link moves
    by s_mu (h(P) - P) (s_0 = +1, s_1 = -1); log det = sum over active plaquettes of log h'(P);
  * the 3K + 1 = 25 spline parameters per site come from a CNN 2 -> 8 -> 8 -> 25 (3 x 3,
    circular padding, LeakyReLU(0.01) in between) of (cos P, sin P) on the "frozen" stripes
    (i / 2 + 1) mod 4 and (i / 2 + 2) mod 4, zero elsewhere;
  * spline: softmax bin widths and heights with a floor of 1e-3 of the circle per bin,
    knot derivatives softplus(raw + shift) + 1e-3 with the shift making raw 0 give 1, the
    derivative at 2 pi equal to that at 0;
  * loss L = mean[log q(x) + S(x)], Adam (lr 1e-3), batch 64, float32, CPU.

Prints the median wall time of a step after warm-up as `ms_per_step=...`, with the last loss
and the ESS of the last batch.

Usage: python3 u1_gauge_flow_step.py [--threads N] [--warmup 10] [--steps 60] [--seed 1]
"""

import argparse
import math
import statistics
import time

import torch
import torch.nn.functional as F

L = 8
BETA = 2.0
BATCH = 64
LAYERS = 16
HIDDEN = (8, 8)
KERNEL = 3
BINS = 8
TWO_PI = 2 * math.pi
MIN_FRACTION = 1e-3
MIN_DERIVATIVE = 1e-3
DERIVATIVE_SHIFT = math.log(math.expm1(1 - MIN_DERIVATIVE))


def plaquettes(theta):
    """theta_P of links [batch, 2, L, L] as [batch, L, L] (direction 0 along axis 1, 1 along axis 2)."""
    t0, t1 = theta[:, 0], theta[:, 1]
    return t0 + torch.roll(t1, -1, 1) - torch.roll(t0, -1, 2) - t1


def action(theta):
    return -BETA * torch.cos(plaquettes(theta)).sum(dim=(1, 2))


def wrap(angle):
    return torch.remainder(angle, TWO_PI)


def spline(theta, params):
    """Circular RQ spline plus rotation: h(theta) (unwrapped) and log h'(theta).

    theta: [...]; params: [..., 3K + 1] (widths, heights, derivatives, rotation).
    """
    k = BINS
    scale = (1 - k * MIN_FRACTION) * TWO_PI
    widths = torch.softmax(params[..., :k], -1) * scale + MIN_FRACTION * TWO_PI
    heights = torch.softmax(params[..., k:2 * k], -1) * scale + MIN_FRACTION * TWO_PI
    deriv = F.softplus(params[..., 2 * k:3 * k] + DERIVATIVE_SHIFT) + MIN_DERIVATIVE
    deriv_next = torch.roll(deriv, -1, -1)
    rotation = params[..., 3 * k]
    x_knots = torch.cumsum(widths, -1) - widths
    y_knots = torch.cumsum(heights, -1) - heights
    # bin index: interior knots at or below theta (first bin open to the left, last to the right)
    b = (theta.unsqueeze(-1) >= x_knots[..., 1:]).sum(-1, keepdim=True)

    def pick(v):
        return torch.gather(v, -1, b).squeeze(-1)

    xk, yk, w, h, d, d1 = (pick(v) for v in (x_knots, y_knots, widths, heights, deriv, deriv_next))
    xi = (theta - xk) / w
    s = h / w
    mixed = xi * (1 - xi)
    denominator = s + (d1 + d - 2 * s) * mixed
    value = yk + h * (s * xi ** 2 + d * mixed) / denominator + rotation
    log_derivative = (2 * torch.log(s) + torch.log(d1 * xi ** 2 + 2 * s * mixed + d * (1 - xi) ** 2)
                      - 2 * torch.log(denominator))
    return value, log_derivative


def stripes(mu, offset, value=1.0):
    """value on the plaquettes with x_nu = offset (mod 4), nu = 1 - mu; [L, L] over (t, x)."""
    t, x = torch.meshgrid(torch.arange(L), torch.arange(L), indexing="ij")
    coordinate = x if mu == 0 else t
    return (coordinate % 4 == offset).float() * value


class GaugeCoupling(torch.nn.Module):
    def __init__(self, mu, offset):
        super().__init__()
        self.register_buffer("active", stripes(mu, offset)[None])
        self.register_buffer("frozen", (stripes(mu, (offset + 1) % 4) + stripes(mu, (offset + 2) % 4))[None])
        update = torch.zeros(1, 2, L, L)
        update[0, mu] = stripes(mu, offset, 1.0 if mu == 0 else -1.0)
        self.register_buffer("update", update)
        channels = (2,) + HIDDEN + (3 * BINS + 1,)
        self.convs = torch.nn.ModuleList(
            torch.nn.Conv2d(a, b, KERNEL, padding=KERNEL // 2, padding_mode="circular")
            for a, b in zip(channels[:-1], channels[1:]))

    def conditioner(self, p):
        h = torch.stack((torch.cos(p) * self.frozen, torch.sin(p) * self.frozen), 1)
        for i, conv in enumerate(self.convs):
            h = conv(h)
            if i < len(self.convs) - 1:
                h = F.leaky_relu(h, 0.01)
        return h.permute(0, 2, 3, 1)

    def forward(self, theta):
        p = wrap(plaquettes(theta))
        mapped, log_derivative = spline(p, self.conditioner(p))
        links = wrap(theta + (mapped - p).unsqueeze(1) * self.update)
        return links, (log_derivative * self.active).sum(dim=(1, 2))


class GaugeFlow(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = torch.nn.ModuleList(GaugeCoupling(i % 2, (i // 2) % 4) for i in range(LAYERS))

    def sample(self, n):
        """Haar-random links pushed through the couplings, with log q = -V_links log 2 pi - sum log det."""
        theta = TWO_PI * torch.rand(n, 2, L, L)
        log_q = torch.full((n,), -2 * L * L * math.log(TWO_PI))
        for layer in self.layers:
            theta, log_det = layer(theta)
            log_q = log_q - log_det
        return theta, log_q


def ess(log_w):
    w = torch.exp(log_w - log_w.max())
    return (w.sum() ** 2 / (len(w) * (w ** 2).sum())).item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: PyTorch's default)")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--L", type=int, default=8, help="lattice size (as flowlab bench --L)")
    args = parser.parse_args()
    global L
    L = args.L
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    flow = GaugeFlow()
    optimiser = torch.optim.Adam(flow.parameters(), lr=1e-3)
    times = []
    loss = log_w = None
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        theta, log_q = flow.sample(BATCH)
        s = action(theta)
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
