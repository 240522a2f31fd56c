import pytest

from consultations.models import Region
from consultations.regions_csv import REGIONS_CSV, RegionsFileError, read_regions


@pytest.mark.django_db
class TestRegionReferenceData:
    def test_the_migration_loads_the_20_regions(self):
        assert Region.objects.count() == 20
        assert Region.objects.filter(kind=Region.Kind.CITY).count() == 3
        assert Region.objects.filter(kind=Region.Kind.OBLAST).count() == 17

    def test_names_keep_kazakh_letters_in_three_languages(self):
        region = Region.objects.get(code_iso="KZ-61")
        assert region.name_kk == "Түркістан облысы"
        assert region.name_ru == "Туркестанская область"
        assert region.name_en == "Turkistan Region"

    def test_each_region_has_its_own_tile(self):
        tiles = set(Region.objects.values_list("tile_col", "tile_row"))
        assert len(tiles) == 20


class TestRegionsFile:
    def test_an_unexpected_column_fails_loudly(self, tmp_path):
        bad = tmp_path / "regions.csv"
        text = REGIONS_CSV.read_text(encoding="utf-8").replace("former_names", "formerly", 1)
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(RegionsFileError, match="expected columns"):
            read_regions(bad)

    def test_a_missing_row_fails_loudly(self, tmp_path):
        bad = tmp_path / "regions.csv"
        lines = REGIONS_CSV.read_text(encoding="utf-8").splitlines()
        bad.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
        with pytest.raises(RegionsFileError, match="expected 20"):
            read_regions(bad)

    def test_the_shipped_file_matches_the_shared_reference(self, tmp_path):
        rows = read_regions()
        assert {r["code_iso"] for r in rows} >= {"KZ-71", "KZ-75", "KZ-79"}
