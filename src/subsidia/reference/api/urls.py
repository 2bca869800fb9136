from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("reference/funds", views.FundViewSet, basename="fund")
router.register("reference/specific-objectives", views.SpecificObjectiveViewSet, basename="specific-objective")
router.register(
    "reference/implementation-measures", views.ImplementationMeasureViewSet, basename="implementation-measure"
)
router.register("reference/intervention-fields", views.InterventionFieldViewSet, basename="intervention-field")
router.register("reference/action-types", views.ActionTypeViewSet, basename="action-type")
router.register("reference/cofinancing-rules", views.CofinancingRuleViewSet, basename="cofinancing-rule")
router.register(
    "reference/implementation-modalities", views.ImplementationModalityViewSet, basename="implementation-modality"
)
router.register("reference/specific-themes", views.SpecificThemeViewSet, basename="specific-theme")
router.register("reference/indicators", views.IndicatorViewSet, basename="indicator")
router.register("reference/rule-figures", views.RuleFigureViewSet, basename="rule-figure")
router.register("reference/nuts-areas", views.NutsAreaViewSet, basename="nuts-area")
router.register(
    "reference/list-of-operations-fields", views.ListOfOperationsFieldViewSet, basename="list-of-operations-field"
)
urlpatterns = router.urls
