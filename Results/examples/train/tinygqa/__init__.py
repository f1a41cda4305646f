"""A tiny GQA sweep, really trained on CPU, logged as the authors' trainer logs (issue 15).

Modules: data (English text from Debian's `fortunes` package, byte-level tokens), model (the
authors' architecture at tiny scale), train (one run: args.json, model_config.json,
Accelerate's TensorBoard tracker, the trainer's stdout lines), sweep (the runs, one process
each).
"""
