"""Runs the stages: the build pipeline and the executors that carry its per-document steps."""

from storyline.engine.executors import DaskExecutor, Executor, LocalExecutor
from storyline.engine.pipeline import STAGES, BuildReport, Pipeline, ProgressSink

__all__ = ["Pipeline", "BuildReport", "ProgressSink", "STAGES", "Executor", "LocalExecutor", "DaskExecutor"]
