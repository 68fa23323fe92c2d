"""Supervised regression on the 10 data points (tutorial 1a_nn_exact.py / 1b_nn_noisy.py).

Net 1-20-20-1 tanh, loss = mean((net(t_i) - u_i)^2), seed 1, Adam lr 1e-3, full batch.
Usage: supervised.py --data exact|noisy [--epochs N] [--data-dir DIR] [--threads T]
"""
import common as cm

args = cm.parse_args("supervised", with_data=True)
program = f"supervised_{args.data}"
tu = cm.load(args.data_dir, f"data_{args.data}.txt")
t_data, u_data = tu[:, [0]], tu[:, [1]]
net = cm.mlp([1, 20, 20, 1])
print(f"{program}: epochs={args.epochs} seed={args.seed} points={len(t_data)}", flush=True)


def loss_fn():
    loss = cm.torch.mean((net(t_data) - u_data) ** 2)
    return (loss,)


seconds = cm.train(program, args, list(net.parameters()), loss_fn, ["loss"])
cm.result(program, seconds, *cm.evaluate_1d(net, args.data_dir))
