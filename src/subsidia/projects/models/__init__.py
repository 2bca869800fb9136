from .operations import Operation, OperationCodeSequence

__all__ = ["Operation", "OperationCodeSequence"]
