from .committee import Committee, Member, RulesOfProcedure
from .meetings import AgendaItem, Attendance, ConflictDeclaration, Meeting, Paper
from .procedures import WrittenProcedure, WrittenProcedureVote

__all__ = [
    "AgendaItem",
    "Attendance",
    "Committee",
    "ConflictDeclaration",
    "Meeting",
    "Member",
    "Paper",
    "RulesOfProcedure",
    "WrittenProcedure",
    "WrittenProcedureVote",
]
