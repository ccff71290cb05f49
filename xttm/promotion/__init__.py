"""The National Trade Promotion Programme: years, schemes, activities, participations, deals."""
