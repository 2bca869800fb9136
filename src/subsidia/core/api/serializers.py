"""Serializer base: amounts as decimal strings, never integers of cents or floats."""

from rest_framework import serializers

from ..fields import MoneyField, RateField


class AmountField(serializers.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)


class RateSerializerField(serializers.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 1)
        super().__init__(**kwargs)


class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        MoneyField: AmountField,
        RateField: RateSerializerField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, MoneyField):
            for key in ("max_value", "min_value", "validators"):
                kwargs.pop(key, None)
            kwargs.update(max_digits=14, decimal_places=2)
        return field_class, kwargs
