from .ranking import INCOMPLETE, RankRow, Rules, eligible_applications, ranking, ranking_queryset

__all__ = ["INCOMPLETE", "RankRow", "Rules", "eligible_applications", "ranking", "ranking_queryset"]
