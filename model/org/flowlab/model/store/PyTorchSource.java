package org.flowlab.model.store;

/**
 * The Python text of an exported run, in pieces that {@link PyTorchScript} puts together: the
 * header, the targets, the flows, the losses and the training loop. Docstrings use single
 * quotes so that the pieces can be Java text blocks.
 */
final class PyTorchSource {

    private PyTorchSource() {}

    static final String IMPORTS = """
            import argparse
            import math
            import os
            import sys

            import numpy as np
            import torch
            import torch.nn.functional as F

            HERE = os.path.dirname(os.path.abspath(__file__))
            WEIGHTS = os.path.join(HERE, "weights.npz")
            CHECK = os.path.join(HERE, "check.npz")
            """;

    static final String PHI4 = """

            # ---------------------------------------------------------------- target: phi^4
            def action(phi):
                '''S = sum_x [(2 + m2/2) phi^2 + (lambda/24) phi^4 - sum_mu phi_x phi_{x+mu}], phi of shape [batch, L, L].'''
                m2, lam = RUN["m2"], RUN["lambda"]
                hopping = phi * (torch.roll(phi, -1, 1) + torch.roll(phi, -1, 2))
                return ((2 + m2 / 2) * phi ** 2 + lam / 24 * phi ** 4 - hopping).sum(dim=(1, 2))


            EVENT_SHAPE = (RUN["L"], RUN["L"])


            def target_samples(n, gen):
                '''Training data for forward KL: HMC on the action (64 chains, leapfrog, step size tuned while thermalising).'''
                chains, n_leapfrog, eps = 64, 10, 0.1
                phi = torch.zeros((chains,) + EVENT_SHAPE)

                def force(x):
                    x = x.detach().requires_grad_(True)
                    return torch.autograd.grad(action(x).sum(), x)[0]

                kept = []
                total = RUN["therm"] + math.ceil(n / chains) * RUN["thin"]
                for trajectory in range(total):
                    p = torch.randn(phi.shape, generator=gen)
                    h0 = 0.5 * (p ** 2).sum(dim=(1, 2)) + action(phi)
                    x = phi.clone()
                    p = p - 0.5 * eps * force(x)
                    for i in range(n_leapfrog):
                        x = x + eps * p
                        if i < n_leapfrog - 1:
                            p = p - eps * force(x)
                    p = p - 0.5 * eps * force(x)
                    h1 = 0.5 * (p ** 2).sum(dim=(1, 2)) + action(x)
                    accept = torch.rand(chains, generator=gen) < torch.exp(h0 - h1)
                    phi = torch.where(accept[:, None, None], x, phi).detach()
                    if trajectory < RUN["therm"]:
                        eps *= 1.02 if accept.float().mean() > 0.8 else 0.98
                    elif (trajectory - RUN["therm"]) % RUN["thin"] == 0:
                        kept.append(phi.clone())
                return torch.cat(kept)[:n]
            """;

    static final String MIXTURE = """

            # ---------------------------------------------------------------- target: Gaussian mixture in the plane
            def action(x):
                '''S = -log p, p(x) = sum_k w_k N(x; mu_k, sigma_k^2 1), x of shape [batch, 2].'''
                means = torch.tensor(MEANS, dtype=x.dtype)
                sigma = torch.tensor(SIGMAS, dtype=x.dtype)
                log_c = torch.log(torch.tensor(MIX_WEIGHTS, dtype=x.dtype)) - torch.log(2 * math.pi * sigma ** 2)
                d2 = ((x[:, None, :] - means[None]) ** 2).sum(-1)
                return -torch.logsumexp(log_c - d2 / (2 * sigma ** 2), dim=1)


            EVENT_SHAPE = (2,)


            def target_samples(n, gen):
                '''Training data for forward KL: exact samples of the mixture.'''
                k = torch.multinomial(torch.tensor(MIX_WEIGHTS), n, replacement=True, generator=gen)
                means = torch.tensor(MEANS)[k]
                return means + torch.tensor(SIGMAS)[k][:, None] * torch.randn((n, 2), generator=gen)
            """;

    static final String PRIOR = """

            # ---------------------------------------------------------------- prior and parameters
            def log_prior(z):
                '''log r(z) of independent unit Gaussians, per sample.'''
                n = z[0].numel()
                return -0.5 * (z ** 2).flatten(1).sum(1) - 0.5 * n * math.log(2 * math.pi)


            class Registry(torch.nn.Module):
                '''Holds every trainable array under its FlowLab name, the keys of weights.npz.'''

                def __init__(self):
                    super().__init__()
                    self.named = {}

                def add(self, name, shape):
                    p = torch.nn.Parameter(torch.zeros(shape))
                    self.register_parameter(name.replace(".", "__"), p)
                    self.named[name] = p
                    return p


            def load_weights(registry, path=WEIGHTS):
                arrays = np.load(path)
                with torch.no_grad():
                    for name, p in registry.named.items():
                        p.copy_(torch.from_numpy(arrays[name]).to(p.dtype))


            def save_weights(registry, path):
                np.savez(path, **{name: p.detach().cpu().numpy() for name, p in registry.named.items()})
            """;

    static final String REALNVP = """

            # ---------------------------------------------------------------- flow: RealNVP with checkerboard masks
            class ConvNet(torch.nn.Module):
                '''Convolutions with circular padding, LeakyReLU(0.01) between them, tanh after the last if asked.'''

                def __init__(self, reg, prefix, channels, kernel, tanh):
                    super().__init__()
                    self.w = [reg.add(f"{prefix}.conv{i}.weight", (channels[i + 1], channels[i], kernel, kernel))
                              for i in range(len(channels) - 1)]
                    self.b = [reg.add(f"{prefix}.conv{i}.bias", (channels[i + 1],)) for i in range(len(channels) - 1)]
                    self.pad = kernel // 2
                    self.tanh = tanh

                def forward(self, h):
                    for i, (w, b) in enumerate(zip(self.w, self.b)):
                        h = F.conv2d(F.pad(h, (self.pad,) * 4, mode="circular"), w, b)
                        if i < len(self.w) - 1:
                            h = F.leaky_relu(h, 0.01)
                    return torch.tanh(h) if self.tanh else h


            class AffineCoupling(torch.nn.Module):
                '''x' = m x + (1 - m)(x e^s + t), s, t = net(m x); log J = sum over the updated sites of s.'''

                def __init__(self, reg, name, size, parity):
                    super().__init__()
                    t = torch.arange(size)[:, None]
                    x = torch.arange(size)[None, :]
                    frozen = ((t + x + parity) % 2 == 0).to(torch.get_default_dtype())
                    self.register_buffer("frozen", frozen[None, None])
                    self.register_buffer("active", 1 - frozen[None, None])
                    hidden = [RUN["hidden"]] * RUN["hiddenLayers"]
                    self.net = ConvNet(reg, name + ".net", [1] + hidden + [2], RUN["kernel"], RUN["tanh"])

                def scale_shift(self, x):
                    st = self.net(x * self.frozen) * self.active
                    return st[:, 0:1], st[:, 1:2]

                def forward(self, x):
                    s, t = self.scale_shift(x)
                    return x * torch.exp(s) + t, s.flatten(1).sum(1)

                def inverse(self, y):
                    s, t = self.scale_shift(y)
                    return (y - t) * torch.exp(-s), -s.flatten(1).sum(1)


            class Flow(torch.nn.Module):
                '''RealNVP for fields of shape [batch, L, L]: the masks alternate between layers.'''

                def __init__(self):
                    super().__init__()
                    self.reg = Registry()
                    self.layers = torch.nn.ModuleList(
                        [AffineCoupling(self.reg, f"coupling{i}", RUN["L"], i % 2) for i in range(RUN["layers"])])

                def forward(self, z):
                    x, log_det = z[:, None], 0
                    for layer in self.layers:
                        x, ld = layer(x)
                        log_det = log_det + ld
                    return x[:, 0], log_det

                def inverse(self, x):
                    z, log_det = x[:, None], 0
                    for layer in reversed(self.layers):
                        z, ld = layer.inverse(z)
                        log_det = log_det + ld
                    return z[:, 0], log_det
            """;

    static final String COUPLING_2D = """

            # ---------------------------------------------------------------- flow: affine couplings in the plane
            class Mlp(torch.nn.Module):
                '''y = W_n tanh(... tanh(x W_1 + b_1) ...) + b_n, weights of shape [in, out] as in FlowLab.'''

                def __init__(self, reg, prefix, sizes):
                    super().__init__()
                    self.w = [reg.add(f"{prefix}.linear{i}.weight", (sizes[i], sizes[i + 1])) for i in range(len(sizes) - 1)]
                    self.b = [reg.add(f"{prefix}.linear{i}.bias", (sizes[i + 1],)) for i in range(len(sizes) - 1)]

                def forward(self, h):
                    for i, (w, b) in enumerate(zip(self.w, self.b)):
                        h = h @ w + b
                        if i < len(self.w) - 1:
                            h = torch.tanh(h)
                    return h


            class VectorCoupling(torch.nn.Module):
                '''x' = m x + (1 - m)(x e^s + t), s = 3 tanh(s_raw / 3); log J = sum of (1 - m) s.'''

                def __init__(self, reg, name, mask):
                    super().__init__()
                    self.register_buffer("frozen", torch.tensor([mask], dtype=torch.get_default_dtype()))
                    self.register_buffer("active", 1 - self.frozen)
                    self.net = Mlp(reg, name + ".net", [2] + [RUN["hidden"]] * RUN["hiddenLayers"] + [4])

                def scale_shift(self, frozen):
                    out = self.net(frozen)
                    return 3 * torch.tanh(out[:, :2] / 3), out[:, 2:]

                def forward(self, x):
                    frozen = x * self.frozen
                    s, t = self.scale_shift(frozen)
                    return frozen + (x * torch.exp(s) + t) * self.active, (s * self.active).sum(1)

                def inverse(self, y):
                    frozen = y * self.frozen
                    s, t = self.scale_shift(frozen)
                    return frozen + (y - t) * torch.exp(-s) * self.active, -(s * self.active).sum(1)


            class Flow(torch.nn.Module):
                '''Couplings that alternately update x given y and y given x.'''

                def __init__(self):
                    super().__init__()
                    self.reg = Registry()
                    masks = [[0.0, 1.0] if i % 2 == 0 else [1.0, 0.0] for i in range(RUN["layers"])]
                    self.layers = torch.nn.ModuleList(
                        [VectorCoupling(self.reg, f"coupling{i}", m) for i, m in enumerate(masks)])

                def forward(self, z):
                    x, log_det = z, 0
                    for layer in self.layers:
                        x, ld = layer(x)
                        log_det = log_det + ld
                    return x, log_det

                def inverse(self, x):
                    z, log_det = x, 0
                    for layer in reversed(self.layers):
                        z, ld = layer.inverse(z)
                        log_det = log_det + ld
                    return z, log_det
            """;

    static final String AFFINE_2D = """

            # ---------------------------------------------------------------- flow: one affine map (a Gaussian model)
            class Flow(torch.nn.Module):
                '''x_0 = e^{s_0} z_0 + b_0, x_1 = e^{s_1} z_1 + c z_0 + b_1; log J = s_0 + s_1.'''

                def __init__(self):
                    super().__init__()
                    self.reg = Registry()
                    self.log_scale = self.reg.add("affine.log_scale", (1, 2))
                    self.shift = self.reg.add("affine.shift", (1, 2))
                    self.mixing = self.reg.add("affine.mixing", (1, 1))
                    self.register_buffer("e1", torch.tensor([[0.0, 1.0]], dtype=torch.get_default_dtype()))

                def forward(self, z):
                    x = z * torch.exp(self.log_scale) + self.shift + z[:, 0:1] * self.mixing * self.e1
                    return x, self.log_scale.sum().expand(z.shape[0])

                def inverse(self, x):
                    z0 = (x[:, 0:1] - self.shift[:, 0:1]) * torch.exp(-self.log_scale[:, 0:1])
                    z = (x - self.shift - z0 * self.mixing * self.e1) * torch.exp(-self.log_scale)
                    return z, -self.log_scale.sum().expand(x.shape[0])
            """;

    static final String TRAINING = """

            # ---------------------------------------------------------------- losses, ESS, training
            def log_q(flow, x):
                '''log q(x) through the inverse flow.'''
                z, log_det = flow.inverse(x)
                return log_prior(z) + log_det


            def sample(flow, n, gen=None):
                '''x = f(z), z ~ r, with log q(x) in the same pass.'''
                z = torch.randn((n,) + EVENT_SHAPE, generator=gen)
                x, log_det = flow(z)
                return x, log_prior(z) - log_det


            def ess(log_w):
                '''(sum w)^2 / (n sum w^2), computed in log space.'''
                w = torch.exp(log_w - log_w.max())
                return (w.sum() ** 2 / (len(w) * (w ** 2).sum())).item()


            def step_loss(flow, batch, data, gen):
                '''Returns (reported loss, loss to differentiate, log weights of model samples).'''
                if LOSS in ("rkl", "pathgrad"):
                    x, lq = sample(flow, batch, gen)
                    per_sample = lq + action(x)
                    log_w = -per_sample.detach()
                    if LOSS == "pathgrad":
                        # drop the score term: subtract log q at the fixed samples, parameters live
                        return per_sample.mean(), (per_sample - log_q(flow, x.detach())).mean(), log_w
                    return per_sample.mean(), per_sample.mean(), log_w
                x = data[torch.randint(len(data), (batch,), generator=gen)]
                loss = -log_q(flow, x).mean()
                with torch.no_grad():
                    xs, lq = sample(flow, batch, gen)
                    log_w = -action(xs) - lq
                return loss, loss, log_w


            def lr_factor(step, steps):
                '''The factor on the learning rate for the step after `step` completed ones (FlowLab's schedule).'''
                if RUN["lr_schedule"] != "cosine":
                    return 1.0
                progress = min(1.0, max(0.0, step / max(1, steps - 1)))
                return COSINE_FLOOR + (1 - COSINE_FLOOR) * 0.5 * (1 + math.cos(math.pi * progress))


            def train(flow, steps, batch, lr, seed, every):
                gen = torch.Generator().manual_seed(seed)
                data = None
                if LOSS == "fkl":
                    print(f"drawing {RUN['samples']} training configurations ...")
                    data = target_samples(RUN["samples"], torch.Generator().manual_seed(RUN["dataSeed"]))
                optimizer = torch.optim.Adam(flow.parameters(), lr=lr)
                schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda k: lr_factor(k, steps))
                print(f"{'step':>7} {'loss':>12} {'ESS':>8}")
                for step in range(1, steps + 1):
                    optimizer.zero_grad()
                    loss, grad_loss, log_w = step_loss(flow, batch, data, gen)
                    grad_loss.backward()
                    optimizer.step()
                    schedule.step()
                    if step == 1 or step % every == 0 or step == steps:
                        print(f"{step:7d} {loss.item():12.5f} {ess(log_w):8.4f}")
                with torch.no_grad():
                    x, lq = sample(flow, 1024, gen)
                    print(f"ESS on 1024 fresh samples: {ess(-action(x) - lq):.4f}")


            def check():
                '''Recomputes, in float64 with FlowLab's weights, the losses FlowLab computed on the batch in check.npz.'''
                torch.set_default_dtype(torch.float64)
                flow = Flow().to(torch.float64)
                load_weights(flow.reg)
                arrays = np.load(CHECK)
                with torch.no_grad():
                    z = torch.from_numpy(arrays["z"])
                    x, log_det = flow(z)
                    reverse = (log_prior(z) - log_det + action(x)).mean().item()
                    forward = -log_q(flow, torch.from_numpy(arrays["x"])).mean().item()
                worst = 0.0
                for name, ours, theirs in (("reverse KL", reverse, arrays["loss_rkl"].item()),
                                           ("forward KL", forward, arrays["loss_fkl"].item())):
                    rel = abs(ours - theirs) / max(1.0, abs(theirs))
                    worst = max(worst, rel)
                    print(f"{name} loss on the check batch: PyTorch {ours:.10f}, FlowLab {theirs:.10f}, relative difference {rel:.2e}")
                return 0 if worst < 1e-6 else 1


            if __name__ == "__main__":
                parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
                parser.add_argument("--check", action="store_true", help="compare the losses with FlowLab's on check.npz and exit")
                parser.add_argument("--steps", type=int, default=RUN["steps"])
                parser.add_argument("--batch", type=int, default=RUN["batch"])
                parser.add_argument("--lr", type=float, default=RUN["lr"])
                parser.add_argument("--seed", type=int, default=RUN["seed"])
                parser.add_argument("--every", type=int, default=50, help="print every N steps")
                parser.add_argument("--from-scratch", action="store_true", help="start from random weights, not FlowLab's")
                parser.add_argument("--save", help="write the trained weights to this .npz (FlowLab names)")
                args = parser.parse_args()
                if args.check:
                    sys.exit(check())
                torch.set_default_dtype(DTYPE)
                torch.manual_seed(args.seed)
                flow = Flow().to(DTYPE)
                if args.from_scratch:
                    with torch.no_grad():
                        for p in flow.parameters():
                            p.uniform_(-0.1, 0.1)
                else:
                    load_weights(flow.reg)
                train(flow, args.steps, args.batch, args.lr, args.seed, args.every)
                if args.save:
                    save_weights(flow.reg, args.save)
            """;
}
