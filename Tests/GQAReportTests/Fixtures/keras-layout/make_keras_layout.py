"""Makes `logs/`: what Keras' TensorBoard callback writes for a model fitted with validation
data: `<log_dir>/train/` and `<log_dir>/validation/` event files, the same scalar tag
(`epoch_loss`) in both, one point an epoch. A tiny dense model on fixed random numbers, fitted
for 4 epochs: the point is the files, not the numbers (an example, not study data).
`logs/losses.json` holds Keras' own history (`History.history`), for the test to compare with.

Run: python3 make_keras_layout.py   (tensorflow-cpu from PyPI, which brings Keras)
"""
import json
import os
import shutil
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
shutil.rmtree(HERE / "logs", ignore_errors=True)
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(256, 8)).astype("float32")
y = (x @ rng.normal(size=(8, 1)) + 0.1 * rng.normal(size=(256, 1))).astype("float32")
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
history = model.fit(x[:200], y[:200], validation_data=(x[200:], y[200:]), epochs=4, batch_size=32, verbose=0,
                    callbacks=[keras.callbacks.TensorBoard(log_dir=str(HERE / "logs"))])
(HERE / "logs" / "losses.json").write_text(json.dumps(
    {"loss": history.history["loss"], "val_loss": history.history["val_loss"], "keras": keras.__version__}, indent=2) + "\n")
