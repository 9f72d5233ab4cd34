"""Agency splitting, recognition and roles on realistic strings (guideline §2, §3, §7).

The cases are written for these tests from the genre (other provinces, ministries,
abbreviations, word-segmented text), not copied from the seed documents; the seed
gold is used separately as a regression check.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path

import pytest

from pipeline.agencies import (
    Roles,
    find_roles,
    heading_agencies,
    label_agencies,
    leadin_agencies,
    split_agencies,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

SPLIT_CASES = [
    # provincial departments, names with internal commas and 'và'
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Giáo dục và Đào tạo, Sở Y tế", ["Sở Giáo dục và Đào tạo", "Sở Y tế"]),
    ("Sở Y tế; Sở Xây dựng; Sở Công Thương.", ["Sở Y tế", "Sở Xây dựng", "Sở Công Thương"]),
    ("Sở Tư pháp và Thanh tra tỉnh", ["Sở Tư pháp", "Thanh tra tỉnh"]),
    ("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
     ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
    ("Đài Phát thanh và Truyền hình tỉnh, Báo Quảng Ninh", ["Đài Phát thanh và Truyền hình tỉnh", "Báo Quảng Ninh"]),
    ("Báo và Phát thanh, Truyền hình tỉnh; Cổng thông tin điện tử tỉnh",
     ["Báo và Phát thanh, Truyền hình tỉnh", "Cổng thông tin điện tử tỉnh"]),
    ("Sở Lao động - Thương binh và Xã hội, Sở Nội vụ", ["Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"]),
    ("Ban Quản lý các khu công nghiệp tỉnh và Trung tâm Phục vụ hành chính công tỉnh",
     ["Ban Quản lý các khu công nghiệp tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"]),
    ("Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh, Văn phòng UBND tỉnh",
     ["Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh", "Văn phòng UBND tỉnh"]),
    ("Kho bạc Nhà nước tỉnh, Cục Thuế tỉnh, Bảo hiểm xã hội tỉnh",
     ["Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh", "Bảo hiểm xã hội tỉnh"]),
    ("Ngân hàng Nhà nước chi nhánh tỉnh Quảng Bình, các tổ chức tín dụng",
     ["Ngân hàng Nhà nước chi nhánh tỉnh Quảng Bình", "các tổ chức tín dụng"]),
    ("Sở Nông nghiệp và Môi trường, Sở Dân tộc và Tôn giáo", ["Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo"]),
    ("Trường Chính trị tỉnh, Ban Dân tộc tỉnh", ["Trường Chính trị tỉnh", "Ban Dân tộc tỉnh"]),
    ("Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh, Hội Nông dân tỉnh, Hội Cựu chiến binh tỉnh",
     ["Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh"]),
    ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội",
     ["Ủy ban MTTQ Việt Nam tỉnh", "các tổ chức chính trị - xã hội"]),
    ("Liên đoàn Lao động tỉnh, Liên minh HTX tỉnh", ["Liên đoàn Lao động tỉnh", "Liên minh HTX tỉnh"]),
    ("Sở Tài chính Thành phố Hồ Chí Minh, Sở Nội vụ Thành phố",
     ["Sở Tài chính Thành phố Hồ Chí Minh", "Sở Nội vụ Thành phố"]),
    # missing separators
    ("Sở Văn hóa, Thể thao và Du lịch Liên minh Hợp tác xã tỉnh",
     ["Sở Văn hóa, Thể thao và Du lịch", "Liên minh Hợp tác xã tỉnh"]),
    ("Sở Y tế Sở Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
    ("Bộ Thông tin và Truyền thông Bộ Khoa học và Công nghệ", ["Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ"]),
    ("Công an tỉnh Sở Tư pháp", ["Công an tỉnh", "Sở Tư pháp"]),
    # abbreviations
    ("Sở NN&PTNT, Sở KH&ĐT, Sở TT&TT", ["Sở NN&PTNT", "Sở KH&ĐT", "Sở TT&TT"]),
    ("Sở LĐ-TB&XH; Sở VHTTDL; Sở KH&CN; Sở TN&MT", ["Sở LĐ-TB&XH", "Sở VHTTDL", "Sở KH&CN", "Sở TN&MT"]),
    ("Sở NN và PTNT, UBND các huyện", ["Sở NN và PTNT", "UBND các huyện"]),
    ("BCH Quân sự tỉnh, BHXH tỉnh, Ủy ban MTTQ tỉnh", ["BCH Quân sự tỉnh", "BHXH tỉnh", "Ủy ban MTTQ tỉnh"]),
    ("UBND, HĐND các cấp", ["UBND", "HĐND các cấp"]),
    # ministries and central bodies
    ("Bộ Kế hoạch và Đầu tư, Bộ Tài chính, Ngân hàng Nhà nước Việt Nam",
     ["Bộ Kế hoạch và Đầu tư", "Bộ Tài chính", "Ngân hàng Nhà nước Việt Nam"]),
    ("Bộ Nông nghiệp và Môi trường và Bộ Khoa học và Công nghệ", ["Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ"]),
    ("Bộ Lao động - Thương binh và Xã hội,Thanh tra Chính phủ, các bộ, ngành và địa phương",
     ["Bộ Lao động - Thương binh và Xã hội", "Thanh tra Chính phủ", "các bộ, ngành", "địa phương"]),
    ("Văn phòng Chính phủ; Bộ Công an", ["Văn phòng Chính phủ", "Bộ Công an"]),
    ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam, Tổng Liên đoàn Lao động Việt Nam",
     ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"]),
    ("VTV, VOV, TTXVN, các địa phương", ["VTV", "VOV", "TTXVN", "các địa phương"]),
    ("Bộ Văn hóa, Thể thao và Du lịch, Bộ Ngoại giao", ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Ngoại giao"]),
    ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam, Viện Hàn lâm Khoa học Xã hội Việt Nam",
     ["Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Viện Hàn lâm Khoa học Xã hội Việt Nam"]),
    ("Các cơ quan Đảng, Quốc hội, Tòa án nhân dân tối cao, Viện Kiểm sát nhân dân tối cao",
     ["Các cơ quan Đảng", "Quốc hội", "Tòa án nhân dân tối cao", "Viện Kiểm sát nhân dân tối cao"]),
    # generic groups stay one item
    ("các sở, ngành có liên quan", ["các sở, ngành có liên quan"]),
    ("Các sở, ban, ngành", ["Các sở, ban, ngành"]),
    ("UBND các xã, phường trên địa bàn tỉnh", ["UBND các xã, phường trên địa bàn tỉnh"]),
    ("các cơ quan thông tấn, báo chí", ["các cơ quan thông tấn, báo chí"]),
    ("các tổ chức chính trị - xã hội, xã hội - nghề nghiệp", ["các tổ chức chính trị - xã hội, xã hội - nghề nghiệp"]),
    ("UBND các huyện, thị xã, thành phố", ["UBND các huyện, thị xã, thành phố"]),
    ("Ủy ban nhân dân các xã, phường và đặc khu", ["Ủy ban nhân dân các xã, phường và đặc khu"]),
    ("Các cơ quan, đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    ("các sở, ngành, cơ quan liên quan", ["các sở, ngành, cơ quan liên quan"]),
    ("các hội quần chúng do Đảng, Nhà nước giao nhiệm vụ", ["các hội quần chúng do Đảng, Nhà nước giao nhiệm vụ"]),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
    ("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]),
    # tiers split, with the locality tier on its own
    ("Các sở, ngành, địa phương", ["Các sở, ngành", "địa phương"]),
    ("Các sở, ngành, UBND cấp huyện và các đơn vị liên quan", ["Các sở, ngành", "UBND cấp huyện", "các đơn vị liên quan"]),
    ("Các sở, ngành, địa phương, đơn vị có liên quan", ["Các sở, ngành", "địa phương", "đơn vị có liên quan"]),
    ("Cơ quan, địa phương liên quan", ["Cơ quan", "địa phương liên quan"]),
    ("Cục Thuế tỉnh, các cơ quan, đơn vị liên quan", ["Cục Thuế tỉnh", "các cơ quan, đơn vị liên quan"]),
    ("Ủy ban nhân dân các xã, phường, các sở, ngành có liên quan trên địa bàn tỉnh",
     ["Ủy ban nhân dân các xã, phường", "các sở, ngành có liên quan trên địa bàn tỉnh"]),
    ("Các Sở, ban, ngành, UBND xã, phường và các cơ quan, tổ chức có liên quan",
     ["Các Sở, ban, ngành", "UBND xã, phường", "các cơ quan, tổ chức có liên quan"]),
    ("Bộ, ngành, địa phương", ["Bộ, ngành", "địa phương"]),
    ("Các sở, ban, ngành, đoàn thể cấp tỉnh và UBND các xã, phường",
     ["Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các xã, phường"]),
    ("Sở Tài chính; các sở, ngành có liên quan; UBND các xã, phường trên địa bàn tỉnh.",
     ["Sở Tài chính", "các sở, ngành có liên quan", "UBND các xã, phường trên địa bàn tỉnh"]),
    # office-holders are kept as written
    ("Giám đốc các sở, Thủ trưởng các ban, ngành, Chủ tịch UBND các huyện, thị xã, thành phố",
     ["Giám đốc các sở", "Thủ trưởng các ban, ngành", "Chủ tịch UBND các huyện, thị xã, thành phố"]),
    ("Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND cấp xã", ["Thủ trưởng các sở, ban, ngành tỉnh", "Chủ tịch UBND cấp xã"]),
    ("Bộ trưởng Bộ Công Thương, Bộ trưởng Bộ Y tế", ["Bộ trưởng Bộ Công Thương", "Bộ trưởng Bộ Y tế"]),
    ("Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ", ["Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ"]),
    ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
     ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
    ("Giám đốc Sở Y tế và Giám đốc Bảo hiểm xã hội tỉnh", ["Giám đốc Sở Y tế", "Giám đốc Bảo hiểm xã hội tỉnh"]),
    # qualifiers, appositions, trailing words dropped
    ("Các sở, ban, ngành, UBND cấp huyện theo chức năng, nhiệm vụ thực hiện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("Sở Kế hoạch và Đầu tư, UBND cấp huyện theo chức năng, nhiệm vụ thực hiện", ["Sở Kế hoạch và Đầu tư", "UBND cấp huyện"]),
    ("Bộ Tài chính - Cơ quan Thường trực Ban Chỉ đạo", ["Bộ Tài chính"]),
    ("Liên minh HTX tỉnh (là cơ quan thường trực Ban Chỉ đạo phát triển kinh tế tập thể tỉnh)", ["Liên minh HTX tỉnh"]),
    ("Văn phòng UBND tỉnh (để b/c)", ["Văn phòng UBND tỉnh"]),
    ("Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)", ["Trung tâm Dịch vụ việc làm Thành phố"]),
    ("Sở Y tế thực hiện.", ["Sở Y tế"]),
    ("các bộ, ngành[1]", ["các bộ, ngành"]),
    ("Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm vụ của mình và các cơ quan, tổ chức khác có liên quan",
     ["Sở Nội vụ", "các sở, ban, ngành Thành phố", "các cơ quan, tổ chức khác có liên quan"]),
    ("Đài Truyền hình Việt Nam (VTV), Đài Tiếng nói Việt Nam (VOV)", ["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam"]),
    ("- Sở Tài chính;", ["Sở Tài chính"]),
    # distributed lists (guideline §7)
    ("Bộ trưởng các Bộ: Quốc phòng, Công an, Xây dựng", ["Quốc phòng", "Công an", "Xây dựng"]),
    ("Các Bộ: Tài chính, Y tế, Tư pháp, Nội vụ", ["Tài chính", "Y tế", "Tư pháp", "Nội vụ"]),
    ("Ủy ban nhân dân các tỉnh: Gia Lai, Đắk Lắk, Khánh Hòa", ["Gia Lai", "Đắk Lắk", "Khánh Hòa"]),
    ("Các Bộ: Nông nghiệp và Môi trường, Văn hóa, Thể thao và Du lịch",
     ["Nông nghiệp và Môi trường", "Văn hóa, Thể thao và Du lịch"]),
    # word-segmented text with spaced punctuation
    ("Sở Tài chính , Sở Kế hoạch và Đầu tư", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
    ("Thủ trưởng các sở , ban , ngành ; Chủ tịch Uỷ ban nhân dân quận - huyện",
     ["Thủ trưởng các sở , ban , ngành", "Chủ tịch Uỷ ban nhân dân quận - huyện"]),
    ("Sở_Tư_pháp , Văn_phòng Uỷ_ban nhân_dân thành_phố", ["Sở_Tư_pháp", "Văn_phòng Uỷ_ban nhân_dân thành_phố"]),
    # old tone-mark style
    ("Sở Văn hoá, Thể thao và Du lịch; Uỷ ban nhân dân các xã", ["Sở Văn hoá, Thể thao và Du lịch", "Uỷ ban nhân dân các xã"]),
]


ROLE_CASES = [
    ("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ và Sở Tư pháp xây dựng quy chế quản lý.",
     ["Sở Tài chính"], ["Sở Nội vụ", "Sở Tư pháp"]),
    ("Giao Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh và UBND các xã, phường tổ chức khám sàng lọc.",
     ["Sở Y tế"], ["Bảo hiểm xã hội tỉnh", "UBND các xã, phường"]),
    ("Giao Sở Tài chính cân đối, bố trí kinh phí thực hiện Kế hoạch.", ["Sở Tài chính"], []),
    ("Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh đẩy mạnh tuyên truyền.",
     ["Ủy ban MTTQ Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh"], []),
    ("Yêu cầu Bộ Lao động - Thương binh và Xã hội khẩn trương rà soát số đối tượng.",
     ["Bộ Lao động - Thương binh và Xã hội"], []),
    ("Công an tỉnh khẩn trương điều tra, xử lý nghiêm các vi phạm.", ["Công an tỉnh"], []),
    ("Sở Xây dựng có trách nhiệm hướng dẫn, kiểm tra việc thực hiện; báo cáo về Sở Tài chính để tổng hợp.",
     ["Sở Xây dựng"], []),
    ("Phối hợp với các sở, ngành liên quan xây dựng đề án phát triển hợp tác xã.", [], ["các sở, ngành liên quan"]),
    ("Chủ trì, phối hợp với Sở Công Thương, Sở Khoa học và Công nghệ triển khai chương trình.",
     [], ["Sở Công Thương", "Sở Khoa học và Công nghệ"]),
    ("Bộ Nông nghiệp và Môi trường chỉ đạo Cục Thú y hướng dẫn các địa phương phòng, chống dịch.",
     ["Bộ Nông nghiệp và Môi trường"], []),
    ("Định kỳ hằng quý báo cáo về Sở Kế hoạch và Đầu tư; gửi Bộ Kế hoạch và Đầu tư tổng hợp.", [], []),
    ("Tham mưu UBND tỉnh ban hành quy định phân cấp quản lý.", [], []),
    ("Kiến nghị khó khăn, vướng mắc thông qua Sở Kế hoạch và Đầu tư để tổng hợp.", [], []),
    ("Bộ Tài chính - Cơ quan Thường trực Ban Chỉ đạo chịu trách nhiệm đôn đốc tiến độ thực hiện các nhiệm vụ.",
     ["Bộ Tài chính"], []),
    ("Liên minh HTX tỉnh (là cơ quan thường trực Ban Chỉ đạo phát triển kinh tế tập thể tỉnh) phối hợp với các sở, ngành, UBND các huyện, thành phố tham mưu kiện toàn tổ chức.",
     ["Liên minh HTX tỉnh"], ["các sở, ngành", "UBND các huyện, thành phố"]),
    ("Căn cứ Kế hoạch này, các sở, ban, ngành, UBND các xã, phường có trách nhiệm xây dựng kế hoạch cụ thể.",
     ["các sở, ban, ngành", "UBND các xã, phường"], []),
    ("Các cơ quan được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này có trách nhiệm lập dự toán kinh phí.",
     ["Các cơ quan được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này"], []),
    ("Giám đốc các sở, Thủ trưởng các ban, ngành và Chủ tịch UBND các huyện, thị xã, thành phố nghiêm túc triển khai thực hiện.",
     ["Giám đốc các sở", "Thủ trưởng các ban, ngành", "Chủ tịch UBND các huyện, thị xã, thành phố"], []),
    ("Trường Chính trị tỉnh chủ trì, nghiên cứu đưa nội dung phát triển kinh tế tập thể vào giảng dạy.",
     ["Trường Chính trị tỉnh"], []),
    ("Ủy ban nhân dân tỉnh Hưng Yên khẩn trương làm việc với nhà đầu tư.", ["Ủy ban nhân dân tỉnh Hưng Yên"], []),
    ("Bộ Khoa học và Công nghệ chủ trì, phối hợp với Bộ Quốc phòng, Bộ Nội vụ và các bộ, cơ quan liên quan rà soát mô hình tổ chức.",
     ["Bộ Khoa học và Công nghệ"], ["Bộ Quốc phòng", "Bộ Nội vụ", "các bộ, cơ quan liên quan"]),
    ("Xây dựng cơ chế phối hợp với các cơ quan thông tấn báo chí để đẩy mạnh tuyên truyền.", [], []),
    ("Sở Tài chính chủ trì thẩm định; Sở Xây dựng, Sở Nông nghiệp và Môi trường phối hợp thực hiện.",
     ["Sở Tài chính"], ["Sở Xây dựng", "Sở Nông nghiệp và Môi trường"]),
    ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các sở, ngành, địa phương kịp thời phản ánh về Sở Nội vụ.",
     ["các sở, ngành", "địa phương"], []),
    ("Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương hoàn thành việc sửa chữa nhà ở.",
     ["Nghệ An", "Quảng Ngãi", "Cao Bằng"], []),
    ("Phối hợp Bộ Chỉ huy Quân sự tỉnh và sở, ngành có liên quan tổ chức diễn tập.",
     [], ["Bộ Chỉ huy Quân sự tỉnh", "sở, ngành có liên quan"]),
    ("Thủ trưởng các sở , ban , ngành ; Chủ tịch Uỷ ban nhân dân quận - huyện có trách nhiệm : chỉ đạo rà soát văn bản .",
     ["Thủ trưởng các sở , ban , ngành", "Chủ tịch Uỷ ban nhân dân quận - huyện"], []),
    ("Tăng cường công tác tuyên truyền, phổ biến pháp luật cho người dân.", [], []),
    ("Sở Văn hoá, Thể thao và Du lịch hướng dẫn các địa phương tổ chức lễ hội; với sự phối hợp của Công an tỉnh.",
     ["Sở Văn hoá, Thể thao và Du lịch"], ["Công an tỉnh"]),
    ("Phối hợp với các đơn vị điện lực trên địa bàn tỉnh để bảo đảm cấp điện.", [],
     ["các đơn vị điện lực trên địa bàn tỉnh"]),
    ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng khẩn trương rà soát.",
     ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng"], []),
    ("Giao Bộ Tài chính - Cơ quan Thường trực Ban Chỉ đạo 751 đôn đốc các Bộ, cơ quan, địa phương.",
     ["Bộ Tài chính"], []),
    ("Trường hợp hồ sơ chưa đầy đủ, cơ quan chủ trì có trách nhiệm phối hợp với các cơ quan liên quan hướng dẫn.",
     ["cơ quan chủ trì"], ["các cơ quan liên quan"]),
    ("Chủ trì , phối hợp với Bộ Kế hoạch và Đầu tư , và các Bộ liên quan ban hành văn bản hướng dẫn .",
     [], ["Bộ Kế hoạch và Đầu tư", "các Bộ liên quan"]),
    ("Các Vụ Thị trường ngoài nước chủ trì, phối hợp với Thương vụ Việt Nam tại các nước theo dõi thị trường.",
     ["Các Vụ Thị trường ngoài nước"], ["Thương vụ Việt Nam tại các nước"]),
]
HEADINGS = [
    ("Sở Kế hoạch và Đầu tư", ["Sở Kế hoạch và Đầu tư"]),
    ("UBND các huyện, thành phố", ["UBND các huyện, thành phố"]),
    ("Bộ trưởng Bộ Công Thương:", ["Bộ trưởng Bộ Công Thương"]),
    ("Các sở, ngành và UBND các huyện, thành phố", ["Các sở, ngành", "UBND các huyện, thành phố"]),
    ("Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa", ["Đắk Lắk", "Khánh Hòa"]),
    ("Bộ Quốc phòng, Bộ Công an:", ["Bộ Quốc phòng", "Bộ Công an"]),
    ("**c) Sở Nông nghiệp và Phát triển nông thôn**", None),
    ("Sở Nông nghiệp và Phát triển nông thôn", ["Sở Nông nghiệp và Phát triển nông thôn"]),
    ("Trách nhiệm của Sở Y tế", ["Sở Y tế"]),
    ("Giao Sở Nội vụ", ["Sở Nội vụ"]),
    ("Công an tỉnh", ["Công an tỉnh"]),
    ("Bộ Tài chính chủ trì, phối hợp với các Bộ, cơ quan liên quan và các địa phương", ["Bộ Tài chính"]),
    ("Ủy ban nhân dân cấp xã", ["Ủy ban nhân dân cấp xã"]),
    ("Các cơ quan, đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    ("Củng cố, đổi mới tổ chức và hoạt động của Liên minh HTX tỉnh", None),
    ("Về dữ liệu", None),
    ("Nhiệm vụ cụ thể", None),
    ("NHIỆM VỤ VÀ GIẢI PHÁP", None),
    ("Tổ chức thực hiện", None),
    ("Thanh tra, kiểm tra, giám sát", None),
    ("Phát huy vai trò của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội", None),
    ("Báo cáo giá thị trường của các sở", None),
    ("Hội nghị tổng kết 10 năm thi hành Luật Hợp tác xã", None),
    ("Các hoạt động chính", None),
]
LABELS = [
    ("Ban Dân tộc tỉnh: Tạo điều kiện để các hợp tác xã tham gia.", ["Ban Dân tộc tỉnh"], "Tạo điều kiện"),
    ("Bộ Công an: Chủ trì, phối hợp với Bộ Quốc phòng bảo đảm an ninh.", ["Bộ Công an"], "Chủ trì"),
    ("Các bộ, ngành, địa phương: rà soát, có cam kết lộ trình.", ["Các bộ, ngành", "địa phương"], "rà soát"),
    ("Sở Công thương:  Tổng hợp, báo cáo.", ["Sở Công thương"], "Tổng hợp"),
    ("Bộ trưởng các Bộ: Quốc phòng, Công an: chỉ đạo lực lượng hỗ trợ người dân.", ["Quốc phòng", "Công an"], "chỉ đạo"),
    ("Nhiệm vụ: Xây dựng cơ sở dữ liệu.", None, None),
    ("Thời gian thực hiện: Năm 2026.", None, None),
    ("Mục tiêu: 1.280 hợp tác xã.", None, None),
    ("Cơ quan chủ trì: Sở Tài chính.", None, None),
    ("Cụ thể: rà soát các văn bản.", None, None),
]
LEADINS = [
    ("Các sở, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao, tập trung thực hiện các nội dung sau:",
     ["Các sở, ngành", "địa phương"]),
    ("Kế hoạch đưa ra 6 nhiệm vụ trọng tâm để các bộ, ngành, các thành viên Ban Chỉ đạo và địa phương thực hiện gồm:",
     ["các bộ, ngành", "các thành viên Ban Chỉ đạo", "địa phương"]),
    ("Sở Tài chính chỉ đạo Chi cục Thuế khu vực thực hiện các nội dung sau:", ["Sở Tài chính", "Chi cục Thuế khu vực"]),
    ("Thủ tướng Chính phủ yêu cầu:", []),
    ("Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành và Chủ tịch UBND các xã, phường thực hiện các nội dung sau:",
     ["Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các xã, phường"]),
    ("Đề nghị các đồng chí Bộ trưởng, Thủ trưởng các cơ quan ngang bộ quan tâm chỉ đạo một số nội dung sau:",
     ["các đồng chí Bộ trưởng", "Thủ trưởng các cơ quan ngang bộ"]),
    ("Bộ trưởng Bộ Công Thương yêu cầu các đơn vị thuộc Bộ triển khai thực hiện như sau :", ["các đơn vị thuộc Bộ"]),
    ("Phó Thủ tướng Chính phủ có ý kiến như sau:", []),
    ("Các sở, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao, tập trung thực hiện tốt các nhiệm vụ.", None),
    ("Tăng cường công tác tuyên truyền về kinh tế tập thể, cụ thể như sau:", None),
    ("Mục tiêu cụ thể đến năm 2030:", None),
]


@pytest.mark.parametrize("value, expected", SPLIT_CASES, ids=[c[0][:50] for c in SPLIT_CASES])
def test_split_agencies(value, expected):
    offset = 1000
    mentions = split_agencies(value, offset)
    assert [m.text for m in mentions] == expected
    for m in mentions:
        s, e = m.span
        assert value[s - offset:e - offset] == m.text


def test_enough_hand_written_split_cases():
    assert len(SPLIT_CASES) >= 60


def _one(value, doc_date=None):
    (m,) = split_agencies(value, 0, doc_date)
    return m


def test_mentions_carry_gazetteer_knowledge():
    m = _one("Sở Nông nghiệp và PTNT tỉnh Lai Châu", "2020-10-01")
    assert (m.canonical, m.kind, m.level, m.in_gazetteer, m.generic) == (
        "Sở Nông nghiệp và Phát triển nông thôn", "department", "province", True, False)
    assert m.successor is None  # the body still existed in 2020
    assert _one("Sở Nông nghiệp và PTNT", "2025-09-01").successor == "Sở Nông nghiệp và Môi trường"
    assert _one("Sở KH&ĐT", "2025-09-01").successor == "Sở Tài chính"
    assert _one("Sở TT&TT").successor == "Sở Khoa học và Công nghệ"
    assert _one("Sở LĐ-TB&XH").successor == "Sở Nội vụ"
    assert _one("UBND các huyện, thành phố", "2025-08-01").successor == "Ủy ban nhân dân cấp xã"


def test_generic_groups_are_flagged_and_canonicalized():
    m = _one("các sở, ngành có liên quan")
    assert m.generic and m.in_gazetteer and m.canonical == "các sở, ban, ngành" and m.level == "province"
    m = _one("UBND các xã, phường trên địa bàn tỉnh")
    assert m.generic and m.canonical == "Ủy ban nhân dân cấp xã" and m.level == "commune"
    m = _one("Chủ tịch UBND các huyện, thị xã, thành phố")
    assert m.canonical == "Ủy ban nhân dân cấp huyện" and m.kind == "people's committee"
    assert _one("các bộ, ngành Trung ương").level == "central"


def test_unseen_names_are_recognised_from_their_head():
    m = _one("Trung tâm Y tế huyện Mường Tè")
    assert (m.in_gazetteer, m.kind, m.level) == (False, "center", "district")
    assert m.canonical == "Trung tâm Y tế huyện Mường Tè"
    m = _one("Ban Quản lý dự án đầu tư xây dựng tỉnh")
    assert not m.in_gazetteer and m.kind == "board" and m.level == "province"
    m = _one("Hiệp hội Du lịch tỉnh Khánh Hòa")
    assert not m.in_gazetteer and m.kind == "association"


def test_distributed_names_get_full_canonical_names():
    ms = split_agencies("Bộ trưởng các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường")
    assert [m.canonical for m in ms] == ["Bộ Quốc phòng", "Bộ Công an", "Bộ Nông nghiệp và Môi trường"]
    assert all(m.in_gazetteer and m.kind == "ministry" for m in ms)
    ms = split_agencies("Ủy ban nhân dân các tỉnh: Gia Lai, Đắk Lắk")
    assert [m.canonical for m in ms] == ["Ủy ban nhân dân tỉnh Gia Lai", "Ủy ban nhân dân tỉnh Đắk Lắk"]


def test_office_holders_keep_the_office_and_find_the_body():
    m = _one("Bộ trưởng Bộ Công Thương")
    assert m.text == "Bộ trưởng Bộ Công Thương" and m.canonical == "Bộ Công Thương"
    m = _one("Thứ trưởng Nguyễn Văn An")
    assert m.kind == "office" and m.canonical == "Thứ trưởng Nguyễn Văn An"


def test_a_field_written_as_prose_gives_its_subjects():
    value = ("Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch; Sở Tư pháp và các sở, ban, "
             "ngành Thành phố, Đài Phát thanh và Truyền hình Thành phố chủ động tổ chức triển khai.")
    assert [m.text for m in split_agencies(value)] == [
        "Sở Nội vụ", "Sở Tư pháp", "các sở, ban, ngành Thành phố", "Đài Phát thanh và Truyền hình Thành phố"]


def test_empty_and_junk_values():
    assert split_agencies("") == []
    assert split_agencies(" ; . ") == []
    assert [m.text for m in split_agencies("Sở Tài chính.")] == ["Sở Tài chính"]


@pytest.mark.parametrize("text, lead, support", ROLE_CASES, ids=[c[0][:50] for c in ROLE_CASES])
def test_find_roles(text, lead, support):
    roles = find_roles(text, 50)
    assert isinstance(roles, Roles)
    assert [m.text for m in roles.lead] == lead
    assert [m.text for m in roles.support] == support
    for m in roles.lead + roles.support:
        assert text[m.span[0] - 50:m.span[1] - 50] == m.text


@pytest.mark.parametrize("text, expected", HEADINGS, ids=[c[0][:40] for c in HEADINGS])
def test_heading_agencies(text, expected):
    got = heading_agencies(text)
    assert (None if got is None else [m.text for m in got]) == expected


@pytest.mark.parametrize("text, expected, content", LABELS, ids=[c[0][:40] for c in LABELS])
def test_label_agencies(text, expected, content):
    got = label_agencies(text, 7)
    if expected is None:
        assert got is None
        return
    mentions, start = got
    assert [m.text for m in mentions] == expected
    assert text[start:].startswith(content)
    assert all(text[m.span[0] - 7:m.span[1] - 7] == m.text for m in mentions)


@pytest.mark.parametrize("text, expected", LEADINS, ids=[c[0][:40] for c in LEADINS])
def test_leadin_agencies(text, expected):
    got = leadin_agencies(text)
    assert (None if got is None else [m.text for m in got]) == expected


# ---------------------------------------------------------------- group descriptions, members, directing

# A generic group described by a verb phrase is one item; its members in brackets replace it; an item
# ends at a verb of the main clause, not at a verb of its own description (guideline §3, §7).
DESCRIBED_HEADINGS = [
    ("Các cơ quan cấp phép (Sở Xây dựng, Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Hậu Giang, "
     "Ban Quản lý các khu công nghiệp tỉnh Bình Dương):",
     ["Sở Xây dựng", "Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Hậu Giang",
      "Ban Quản lý các khu công nghiệp tỉnh Bình Dương"]),
    ("Các cơ quan thẩm định (Sở Tài chính, Sở Xây dựng)", ["Sở Tài chính", "Sở Xây dựng"]),
    ("Các doanh nghiệp đang hoạt động trong Khu kinh tế Vân Phong",
     ["Các doanh nghiệp đang hoạt động trong Khu kinh tế Vân Phong"]),
    ("Các chủ đầu tư xây dựng và kinh doanh hạ tầng cụm công nghiệp",
     ["Các chủ đầu tư xây dựng và kinh doanh hạ tầng cụm công nghiệp"]),
    ("Cơ quan chủ trì thẩm định hồ sơ dự án", ["Cơ quan chủ trì thẩm định hồ sơ dự án"]),
    ("Các tổ chức, cá nhân và hộ gia đình khai thác nước mặt trên địa bàn huyện có trách nhiệm",
     ["Các tổ chức, cá nhân và hộ gia đình khai thác nước mặt trên địa bàn huyện"]),
    ("Các đoàn thể, tổ chức xã hội:", ["Các đoàn thể, tổ chức xã hội"]),
    ("Chủ tịch UBND các tỉnh, thành phố từ Thanh Hóa đến Quảng Trị, trong đó trọng tâm là các tỉnh: "
     "Nghệ An, Hà Tĩnh:", ["Chủ tịch UBND các tỉnh, thành phố từ Thanh Hóa đến Quảng Trị"]),
    # a main-clause verb after the group: a task title, not an agency heading
    ("Các địa phương triển khai công tác phòng chống dịch", None),
    ("Các sở, ngành tăng cường kiểm tra", None),
    ("Các đơn vị xây dựng kế hoạch thực hiện", None),
]

DESCRIBED_ROLES = [
    ("Sở Công Thương, Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Hậu Giang và UBND cấp xã có trách "
     "nhiệm phối hợp.",
     ["Sở Công Thương", "Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Hậu Giang", "UBND cấp xã"], []),
    ("Sở Xây dựng, các địa phương, cơ quan chủ quản các dự án đang triển khai thi công tiếp tục đôn đốc nhà thầu.",
     ["Sở Xây dựng", "các địa phương", "cơ quan chủ quản các dự án đang triển khai thi công"], []),
    ("Các sở, ban, ngành quản lý quy hoạch theo chức năng, nhiệm vụ được giao có trách nhiệm cung cấp thông tin.",
     ["Các sở, ban, ngành quản lý quy hoạch"], []),
    ("Yêu cầu từng bộ, ngành, từng cán bộ, công chức, người lao động tích cực khắc phục khó khăn.",
     ["từng bộ, ngành", "từng cán bộ, công chức, người lao động"], []),
    ("Đài Phát thanh và Truyền hình tỉnh và hệ thống các cơ quan báo chí phối hợp với các sở, ngành tuyên truyền.",
     ["Đài Phát thanh và Truyền hình tỉnh", "hệ thống các cơ quan báo chí"], ["các sở, ngành"]),
    # the partners' verb phrase is the task, not their description
    ("Phối hợp với các sở, ban, ngành, Ủy ban nhân dân cấp xã bố trí kinh phí chi thường xuyên theo quy định.",
     [], ["các sở, ban, ngành", "Ủy ban nhân dân cấp xã"]),
    ("Phối hợp UBND các xã, phường tổ chức cấp phát thuốc, đặc biệt tại các điểm sơ tán tập trung.",
     [], ["UBND các xã, phường"]),
    ("Phối hợp với các đơn vị cấp nước thuộc phạm vi quản lý xây dựng phương án dự phòng.",
     [], ["các đơn vị cấp nước thuộc phạm vi quản lý"]),
    ("Phân công cán bộ theo dõi công tác bồi thường.", [], []),
    # §7 directing inside one item: X leads, Y is the object
    ("UBND tỉnh chỉ đạo Sở Y tế triển khai tiêm chủng.", ["UBND tỉnh"], []),
    ("Giao Sở Xây dựng chỉ đạo Trung tâm Quy hoạch xây dựng hoàn thiện đồ án.", ["Sở Xây dựng"], []),
    # 'phối hợp, hướng dẫn X': X are partners
    ("Công an tỉnh phối hợp, hướng dẫn Sở Giao thông vận tải, các nhà thầu thực hiện.",
     ["Công an tỉnh"], ["Sở Giao thông vận tải", "các nhà thầu"]),
    # subjects after an introduction, a trigger, a connector, a later clause
    ("Với tầm quan trọng của Dự án, yêu cầu các bộ, ngành, nhất là Tổng công ty Đường sắt Việt Nam cần khẩn "
     "trương triển khai.", ["các bộ, ngành", "Tổng công ty Đường sắt Việt Nam"], []),
    ("Thường xuyên kiểm tra chất lượng nước; nếu không đạt, phải hướng dẫn, yêu cầu các đơn vị có biện pháp "
     "khắc phục.", [], []),
    ("Sở Y tế chủ trì tổ chức tiêm chủng. Đồng thời, các địa phương chủ động bố trí địa điểm.",
     ["Sở Y tế", "các địa phương"], []),
    ("Trên cơ sở đề xuất của các sở, ngành, Sở Tài chính tổng hợp, trình UBND tỉnh.", ["Sở Tài chính"], []),
    ("Để bảo đảm tiến độ theo chỉ đạo của Thủ tướng Chính phủ, Chính phủ và phấn đấu hoàn thành, yêu cầu "
     "Bộ Xây dựng, các nhà thầu khẩn trương triển khai.", ["Bộ Xây dựng", "các nhà thầu"], []),
    ("Trong quá trình lập quy hoạch tỉnh, cơ quan tổ chức lập quy hoạch phải bảo đảm tích hợp đồng bộ.",
     ["cơ quan tổ chức lập quy hoạch"], []),
]

DESCRIBED_LEADINS = [
    ("Giao Ban Quản lý Khu kinh tế tỉnh chỉ đạo các doanh nghiệp kinh doanh hạ tầng khu công nghiệp có trách nhiệm:",
     ["Ban Quản lý Khu kinh tế tỉnh", "các doanh nghiệp kinh doanh hạ tầng khu công nghiệp"]),
    ("UBND tỉnh Hà Giang chỉ đạo Sở Tư pháp thực hiện các nội dung sau:", ["UBND tỉnh Hà Giang", "Sở Tư pháp"]),
    ("Thời gian còn lại không nhiều; vì vậy, đề nghị các sở, ngành, địa phương:", ["các sở, ngành", "địa phương"]),
    # the issuer of a conclusion is not a performer
    ("Sau khi nghe báo cáo của Sở Tài chính, Sở Xây dựng, Ban Chỉ đạo tỉnh thống nhất kết luận như sau:", None),
    ("Sau khi nghe các ý kiến, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo kết luận như sau:", None),
    ("Sau khi nghe báo cáo, Phó Thủ tướng Trần Văn A đã có ý kiến kết luận như sau:", None),
]

MORE_SPLITS = [
    ("Kiểm toán nhà nước khu vực IV, Kho bạc Nhà nước khu vực XII",
     ["Kiểm toán nhà nước khu vực IV", "Kho bạc Nhà nước khu vực XII"]),
    ("các đơn vị, trường học", ["các đơn vị, trường học"]),
    ("các đơn vị cấp nước thuộc phạm vi quản lý", ["các đơn vị cấp nước thuộc phạm vi quản lý"]),
    ("Trưởng Ban Chỉ đạo phòng, chống thiên tai tỉnh", ["Trưởng Ban Chỉ đạo phòng, chống thiên tai tỉnh"]),
    ("các Vụ, Cục trong Bộ; các Bộ, ngành liên quan", ["các Vụ, Cục trong Bộ", "các Bộ, ngành liên quan"]),
    # leftovers of a misread column or a verb after the last agency
    ("Đang thực hiện", []),
    ("12", []),
    ("Sở Y tế, rà soát", ["Sở Y tế"]),
]


@pytest.mark.parametrize("text, expected", DESCRIBED_HEADINGS, ids=[c[0][:40] for c in DESCRIBED_HEADINGS])
def test_described_groups_and_members_in_headings(text, expected):
    got = heading_agencies(text)
    assert (None if got is None else [m.text for m in got]) == expected


@pytest.mark.parametrize("text, lead, support", DESCRIBED_ROLES, ids=[c[0][:50] for c in DESCRIBED_ROLES])
def test_descriptions_and_main_verbs_in_prose(text, lead, support):
    roles = find_roles(text)
    assert ([m.text for m in roles.lead], [m.text for m in roles.support]) == (lead, support)


@pytest.mark.parametrize("text, expected", DESCRIBED_LEADINS, ids=[c[0][:40] for c in DESCRIBED_LEADINS])
def test_directing_and_later_clause_leadins(text, expected):
    got = leadin_agencies(text)
    assert (None if got is None else [m.text for m in got]) == expected


@pytest.mark.parametrize("value, expected", MORE_SPLITS, ids=[c[0][:40] for c in MORE_SPLITS])
def test_more_splits(value, expected):
    assert [m.text for m in split_agencies(value)] == expected


def test_a_title_before_a_head_is_the_office_of_that_body():
    # 'Trưởng Ban Chỉ đạo' is 'Trưởng' + 'Ban Chỉ đạo', not 'Trưởng ban' + 'Chỉ đạo' (a verb)
    m = _one("Trưởng Ban Chỉ đạo phòng, chống thiên tai tỉnh")
    assert (m.canonical, m.kind) == ("Ban Chỉ đạo phòng, chống thiên tai tỉnh", "steering committee")
    assert _one("Trưởng Ban Tuyên giáo Tỉnh ủy Nghệ An").canonical == "Ban Tuyên giáo Tỉnh ủy"
    assert [x.text for x in find_roles("Trưởng Ban Chỉ đạo chủ trì cuộc họp giao ban.").lead] == ["Trưởng Ban Chỉ đạo"]


# ---------------------------------------------------------------- owners, verb-like heads, tiers

# A trailing owner or locative belongs to the group (guideline §3: keep a trailing locative).
OWNER_LEADINS = [
    ("Để thực hiện tốt nhiệm vụ năm 2024, yêu cầu Ủy ban nhân dân các huyện, thị xã; Thủ trưởng các sở, ban, "
     "ngành của Tỉnh tập trung chỉ đạo thực hiện những nội dung sau:",
     ["Ủy ban nhân dân các huyện, thị xã", "Thủ trưởng các sở, ban, ngành của Tỉnh"]),
    ("Yêu cầu Giám đốc các sở, ngành thuộc tỉnh và Chủ tịch UBND các huyện thực hiện các nội dung sau:",
     ["Giám đốc các sở, ngành thuộc tỉnh", "Chủ tịch UBND các huyện"]),
]

OWNER_ROLES = [
    ("Các sở, ngành của tỉnh tập trung chỉ đạo rà soát hồ sơ.", ["Các sở, ngành của tỉnh"], []),
    ("Các phòng, ban của huyện Mường Tè tập trung chỉ đạo rà soát.", ["Các phòng, ban của huyện Mường Tè"], []),
    ("UBND các xã, phường trên địa bàn tỉnh tập trung chỉ đạo việc rà soát.",
     ["UBND các xã, phường trên địa bàn tỉnh"], []),
    ("Sở Tài chính tập trung chỉ đạo các đơn vị của tỉnh.", ["Sở Tài chính"], []),
    # a named body distributed over localities: 'Sở Công Thương các địa phương'
    ("Cục Xuất nhập khẩu chủ trì, phối hợp với các Thương vụ của Việt Nam tại nước ngoài, Sở Công Thương các "
     "địa phương triển khai.", ["Cục Xuất nhập khẩu"],
     ["các Thương vụ của Việt Nam tại nước ngoài", "Sở Công Thương các địa phương"]),
    ("Sở Tài chính các tỉnh, thành phố chủ động bố trí kinh phí.", ["Sở Tài chính các tỉnh, thành phố"], []),
]

# A heading that names a body whose first word is also a verb ('Tổ chức', 'Hội đồng … thẩm định', 'Ban
# Quản lý dự án đầu tư xây dựng …') gives that body; an action title gives none.
VERB_HEADINGS = [
    ("Tổ chức pháp chế thuộc Bộ, cơ quan ngang Bộ", ["Tổ chức pháp chế thuộc Bộ, cơ quan ngang Bộ"]),
    ("Tổ chức Đảng các cấp", ["Tổ chức Đảng các cấp"]),
    ("Tổ công tác liên ngành của tỉnh", ["Tổ công tác liên ngành của tỉnh"]),
    ("Hội đồng thẩm định giá tỉnh", ["Hội đồng thẩm định giá tỉnh"]),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
     ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"]),
    ("Cổng Thông tin điện tử tỉnh và hệ thống truyền thanh cơ sở",
     ["Cổng Thông tin điện tử tỉnh", "hệ thống truyền thanh cơ sở"]),
    # 'Đề nghị'/'Giao'/'Yêu cầu' before the agencies (§7)
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các Đoàn thể",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các Đoàn thể"]),
    ("Giao Công an tỉnh", ["Công an tỉnh"]),
    ("Yêu cầu các đơn vị điện lực trên địa bàn", ["các đơn vị điện lực trên địa bàn"]),
    # bracketed members, the last an open class
    ("Đề nghị các doanh nghiệp bưu chính (VNPost, Viettel và doanh nghiệp khác)",
     ["VNPost", "Viettel", "doanh nghiệp khác"]),
    # actions, not bodies
    ("Tổ chức thực hiện", None),
    ("Tổ chức tuyên truyền, phổ biến", None),
    ("Hội nghị sơ kết", None),
    ("Hệ thống hoá văn bản", None),
    ("Cấp phép khai thác", None),
]

VERB_ROLES = [
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì, phối hợp với Sở Xây dựng thực hiện.",
     ["Ban Quản lý dự án đầu tư xây dựng tỉnh"], ["Sở Xây dựng"]),
    ("Hội đồng thẩm định giá tỉnh có trách nhiệm kiểm tra hồ sơ.", ["Hội đồng thẩm định giá tỉnh"], []),
    ("Ban Chỉ đạo tổ chức kiểm tra việc thực hiện.", ["Ban Chỉ đạo"], []),
    ("Tổ chức Đảng các cấp lãnh đạo thực hiện.", ["Tổ chức Đảng các cấp"], []),
    ("Thủ trưởng, lãnh đạo các đơn vị có trách nhiệm quán triệt.", ["Thủ trưởng, lãnh đạo các đơn vị"], []),
    ("Sở Giao thông vận tải chủ trì thẩm định.", ["Sở Giao thông vận tải"], []),
]

# Kinds under one shared qualifier stay one item; another tier starts another item (§3, §7).
TIER_SPLITS = [
    ("Doanh nghiệp, cộng đồng, tổ chức, cá nhân", ["Doanh nghiệp, cộng đồng, tổ chức, cá nhân"]),
    ("Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể",
     ["Các sở, ban, ngành, đơn vị", "tổ chức chính trị - xã hội, hội, đoàn thể"]),
    ("Các sở, ban, ngành, đoàn thể cấp tỉnh", ["Các sở, ban, ngành, đoàn thể cấp tỉnh"]),
    ("Các đoàn thể, tổ chức xã hội", ["Các đoàn thể, tổ chức xã hội"]),
    ("các cơ quan, tổ chức có liên quan", ["các cơ quan, tổ chức có liên quan"]),
    ("Các cơ quan quản lý nhà nước, tổ chức, cá nhân liên quan",
     ["Các cơ quan quản lý nhà nước", "tổ chức, cá nhân liên quan"]),
    ("đơn vị, cá nhân liên quan", ["đơn vị, cá nhân liên quan"]),
    ("các tổ chức chính trị - xã hội, xã hội - nghề nghiệp", ["các tổ chức chính trị - xã hội, xã hội - nghề nghiệp"]),
    ("Các tổ chức, cá nhân và hộ gia đình sử dụng nước mặt trên địa bàn huyện",
     ["Các tổ chức, cá nhân và hộ gia đình sử dụng nước mặt trên địa bàn huyện"]),
    ("Các chủ đầu tư, nhà thầu thi công, đơn vị tư vấn giám sát",
     ["Các chủ đầu tư", "nhà thầu thi công", "đơn vị tư vấn giám sát"]),
]

TIER_ROLES = [
    ("Tất cả lực lượng, phương tiện tham gia thực hiện Phương án này phải tuân thủ quy định an toàn.",
     ["Tất cả lực lượng, phương tiện tham gia thực hiện Phương án này"], []),
    ("Các đơn vị tham gia thực hiện Đề án này phải bảo đảm an toàn lao động.",
     ["Các đơn vị tham gia thực hiện Đề án này"], []),
    ("Sở Y tế tham gia thực hiện Kế hoạch này.", ["Sở Y tế"], []),
    ("Phối hợp cơ quan báo chí và hệ thống truyền thông thông tin kịp thời về tiến độ.",
     [], ["cơ quan báo chí", "hệ thống truyền thông"]),
    ("Phối hợp chính quyền địa phương, Mặt trận cơ sở và các đoàn thể giám sát việc phân bổ.",
     [], ["chính quyền địa phương", "Mặt trận cơ sở", "các đoàn thể"]),
    ("Chỉ đạo các đơn vị liên quan phối hợp lực lượng tại chỗ hỗ trợ người dân.", [], ["lực lượng tại chỗ"]),
    # a modifier right after a kind word is part of the group, a verb after it is not
    ("Yêu cầu các cơ quan báo chí và hệ thống thông tin các cấp xây dựng chuyên mục.",
     ["các cơ quan báo chí", "hệ thống thông tin các cấp"], []),
    ("Các đơn vị quản lý chuyên ngành chủ trì rà soát.", ["Các đơn vị quản lý chuyên ngành"], []),
    ("Các đơn vị quản lý chặt chẽ nguồn vốn.", ["Các đơn vị"], []),
    ("Phối hợp với các đơn vị thuộc Bộ xác định nhu cầu kinh phí.", [], ["các đơn vị thuộc Bộ"]),
    ("Thứ trưởng Bộ Công Thương phụ trách lĩnh vực chỉ đạo rà soát.",
     ["Thứ trưởng Bộ Công Thương phụ trách lĩnh vực"], []),
]

# Distributed lists go on after the names; 'các Thứ trưởng A, B và C'; 'Với X, Y xây dựng …' (X, Y partners).
DISTRIBUTED_ROLES = [
    ("Cục Hóa chất chủ trì, phối hợp với các Vụ: Kế hoạch, Năng lượng, các Vụ Thị trường châu Âu, Cục Công "
     "nghiệp triển khai.", ["Cục Hóa chất"],
     ["Kế hoạch", "Năng lượng", "các Vụ Thị trường châu Âu", "Cục Công nghiệp"]),
    ("Vụ Pháp chế chủ trì, phối hợp với các đơn vị liên quan của các Bộ: Tư pháp, Nội vụ, triển khai.",
     ["Vụ Pháp chế"], ["Tư pháp", "Nội vụ"]),
    ("Thứ trưởng Trần Văn A phối hợp với các Thứ trưởng Lê Văn B, Phạm Thị C và Ngô Văn D chỉ đạo.",
     ["Thứ trưởng Trần Văn A"], ["Lê Văn B", "Phạm Thị C", "Ngô Văn D"]),
    ("Vụ Kế hoạch chủ trì, phối hợp với các Vụ: Năng lượng, Thị trường trong nước triển khai.",
     ["Vụ Kế hoạch"], ["Năng lượng", "Thị trường trong nước"]),
    ("Với các đơn vị của Bộ Nội vụ, Ngân hàng Nhà nước Việt Nam xây dựng đề án.", [],
     ["các đơn vị của Bộ Nội vụ", "Ngân hàng Nhà nước Việt Nam"]),
    ("Với các doanh nghiệp, cần tạo điều kiện thuận lợi.", [], []),
    # an apposition between the subject and its predicate; the lead named by its role is no partner
    ("Sở Nội vụ với vai trò là cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh, chủ động, phối hợp "
     "Sở Tài chính tổng hợp.", ["Sở Nội vụ"], ["Sở Tài chính"]),
    ("Các cơ quan phối hợp có trách nhiệm phối hợp với cơ quan chủ trì thực hiện nhiệm vụ.",
     ["Các cơ quan phối hợp"], []),
]


@pytest.mark.parametrize("text, expected", OWNER_LEADINS, ids=[c[0][:40] for c in OWNER_LEADINS])
def test_a_trailing_owner_stays_with_its_group_in_a_leadin(text, expected):
    assert [m.text for m in leadin_agencies(text) or []] == expected


@pytest.mark.parametrize("text, expected", VERB_HEADINGS, ids=[c[0][:40] for c in VERB_HEADINGS])
def test_headings_that_start_with_a_verb_like_word(text, expected):
    got = heading_agencies(text)
    assert (None if got is None else [m.text for m in got]) == expected


@pytest.mark.parametrize("value, expected", TIER_SPLITS, ids=[c[0][:40] for c in TIER_SPLITS])
def test_a_change_of_tier_splits_a_list(value, expected):
    assert [m.text for m in split_agencies(value)] == expected


ROLE_CASES = OWNER_ROLES + VERB_ROLES + TIER_ROLES + DISTRIBUTED_ROLES


@pytest.mark.parametrize("text, lead, support", ROLE_CASES, ids=[c[0][:50] for c in ROLE_CASES])
def test_owners_verb_like_heads_tiers_and_distributed_lists_in_prose(text, lead, support):
    roles = find_roles(text)
    assert ([m.text for m in roles.lead], [m.text for m in roles.support]) == (lead, support)


def test_a_prose_heading_is_not_a_label_of_distributed_names():
    # 'Vụ A chủ trì, phối hợp với các Vụ: B, C: …' names partners, it does not label the content
    assert label_agencies("Vụ Công nghiệp chủ trì, phối hợp với các Vụ: Năng lượng, Kế hoạch: Rà soát danh mục.") is None
    got = label_agencies("Bộ trưởng các Bộ: Quốc phòng, Công an: chỉ đạo các đơn vị rà soát.")
    assert got is not None and [m.text for m in got[0]] == ["Quốc phòng", "Công an"]


def test_compound_words_hide_the_verbs_inside_them():
    # 'trình' in 'công trình', 'giao' in 'giao thông' are no verbs
    got = heading_agencies("Ban Quản lý dự án các công trình giao thông")
    assert [m.text for m in got or []] == ["Ban Quản lý dự án các công trình giao thông"]
    assert [m.text for m in find_roles("Giao Sở Y tế trình UBND tỉnh phê duyệt.").lead] == ["Sở Y tế"]


# ---------------------------------------------------------------- seed regression

_LABEL = re.compile(r"^\s*-\s*\*?(Cơ quan chủ trì|Cơ quan phối hợp):\*?\s*(.+)$")


def _norm(s: str) -> str:
    s = " ".join(unicodedata.normalize("NFC", s).casefold().split())
    return s[4:] if s.startswith("các ") else s


def _seed_field_values() -> list[tuple[str, list[str]]]:
    """(source value, gold items) for every agency field/cell of the field and table seeds."""
    pairs = []
    for doc_id in ("000_37c3550cee91f6f7", "002_084654f37c61d1f1"):
        src = SHARED / "corpus" / "seeds" / f"{doc_id}.txt"
        gold = ROOT / "annotations" / "seeds" / f"{doc_id}.jsonl"
        if not src.exists() or not gold.exists():
            continue
        lines = src.read_text(encoding="utf-8").splitlines()
        values = [m.group(2) for m in map(_LABEL.match, lines) if m]
        values += [ln.strip() for ln in lines if ln.startswith("\t") and len(ln) < 400]
        for rec in map(json.loads, gold.read_text(encoding="utf-8").splitlines()):
            for items in (rec["lead"], rec["support"]):
                if not items:
                    continue
                cands = [v for v in values if all(_norm(x) in _norm(v) for x in items)]
                if cands:
                    pairs.append((min(cands, key=len), items))
    return pairs


def test_split_accuracy_on_seed_field_values():
    pairs = _seed_field_values()
    if not pairs:
        pytest.skip("seed corpus not available")
    ok = sum([_norm(m.text) for m in split_agencies(v)] == [_norm(x) for x in gold] for v, gold in pairs)
    assert ok / len(pairs) >= 0.95, f"{ok}/{len(pairs)}"


# ---------------------------------------------------------------- a real directive from a ministry

_MARK = re.compile(r"^\s*([-+•|#]|\**\s*(\d+(\.\d+)*\.?|[a-zđ]\)|[IVX]+\.)\s*\**\s)")


def _unwrap(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].strip() and line.strip() and not _MARK.match(line) and "|" not in (line[:1], out[-1][-1:]):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def test_a_prime_minister_dispatch_has_its_agencies_recognised():
    path = SHARED / "corpus" / "real" / "tln_044.txt"
    if not path.exists():
        pytest.skip("real corpus not available")
    doc = _unwrap(path.read_text(encoding="utf-8"))
    leads, supports = [], []
    for m in re.finditer(r"^\*\*(\d+)\.\*\*\s*(.+)$", doc, re.M):
        heading = m.group(2)
        leads += heading_agencies(heading, m.start(2), "2025-11-21") or find_roles(heading, m.start(2)).lead
        supports += find_roles(heading, m.start(2), "2025-11-21").support
    for ment in leads + supports:
        assert doc[ment.span[0]:ment.span[1]] == ment.text
    assert {m.canonical for m in leads} >= {
        "Bộ Tài chính", "Bộ Quốc phòng", "Bộ Công an", "Bộ Nông nghiệp và Môi trường", "Bộ Y tế",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "Văn phòng Chính phủ"}
    assert {m.canonical for m in supports} >= {"các bộ, ngành", "địa phương"}
    named = [m for m in leads if m.kind != "office"]
    assert all(m.in_gazetteer for m in named)
    recipients = split_agencies("Bộ trưởng các Bộ: Quốc phòng, Công an, Tài chính, Nông nghiệp và Môi trường, Y tế.")
    assert all(m.in_gazetteer and m.level == "central" for m in recipients)


def test_word_segmented_ministry_directive():
    path = SHARED / "corpus" / "real" / "nqb_004.txt"
    if not path.exists():
        pytest.skip("real corpus not available")
    text = path.read_text(encoding="utf-8")
    found = []
    for para in text.split("\n"):
        body = re.sub(r"^\s*(\d+|[a-zđ]) [.)] ", "", para)
        found += find_roles(body).lead
    canon = {m.canonical for m in found}
    assert {"Sở Tư pháp", "Cục Thi hành án dân sự tỉnh", "Vụ Pháp luật dân sự - kinh tế"} <= canon, canon
    assert any(m.text.startswith("Thủ trưởng tổ chức pháp chế thuộc Bộ") for m in found)


def test_repeated_calls_are_consistent_and_fast():
    value = "Các sở, ngành, UBND cấp huyện và các đơn vị liên quan"
    first = split_agencies(value, 10)
    assert split_agencies(value, 10) == first
    assert [m.span for m in split_agencies(value, 20)] == [(s + 10, e + 10) for s, e in (m.span for m in first)]


@pytest.mark.slow
def test_per_call_time():
    values = [v for v, _ in SPLIT_CASES]
    split_agencies("warm up")
    t = time.perf_counter()
    for i in range(2000):
        split_agencies(values[i % len(values)] + f" {i}")
    per_call = (time.perf_counter() - t) / 2000
    assert per_call < 0.001, per_call


# ---------------------------------------------------------------- `vntasks agencies`


def test_agencies_command_counts_tasks_per_canonical_agency(tmp_path, capsys):
    from pipeline.cli.agencies import count
    from pipeline.cli.main import main

    lead = split_agencies("Sở KH&ĐT, UBND cấp huyện", 0, "2023-03-21")
    support = split_agencies("Các sở, ngành, địa phương", 0, "2023-03-21")
    rows = [
        {"doc_id": "a", "task_id": "1", "lead": [m.text for m in lead], "support": [m.text for m in support],
         "lead_entities": [m.to_json() for m in lead], "support_entities": [m.to_json() for m in support]},
        {"doc_id": "a", "task_id": "2", "lead": ["Sở Kế hoạch và Đầu tư"], "support": []},
        {"doc_id": "b", "task_id": "1", "lead": [], "support": ["Sở Kế hoạch và Đầu tư", "các sở, ban, ngành"]},
    ]
    path = tmp_path / "tasks.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    table = {r.canonical: r for r in count(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())}
    khdt = table["Sở Kế hoạch và Đầu tư"]
    assert (len(khdt.task_keys), khdt.lead, khdt.support, len(khdt.documents)) == (3, 2, 1, 2)
    assert khdt.spellings == {"Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"}
    assert table["các sở, ban, ngành"].support == 2
    assert main(["agencies", str(path), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("Sở Kế hoạch và Đầu tư")
    csv_text = (tmp_path / "agencies.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("canonical,kind,level")
    assert "Sở Kế hoạch và Đầu tư,department,province" in csv_text


def test_agencies_command_reports_a_bad_file(tmp_path, capsys):
    from pipeline.cli.main import main

    path = tmp_path / "tasks.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    assert main(["agencies", str(path)]) == 2
    assert "tasks.jsonl:1" in capsys.readouterr().err


# ---------------------------------------------------------------- relative clauses, counts, branches, topics

# A group's defining relative clause (quản lý …, có chức năng …, phụ trách …, có thẩm quyền …) belongs to
# the item; a clause that runs into an adverb, a comma before a verb or the sentence's end is the predicate.
RELATIVE_ROLES = [
    # real: Bắc Ninh price decision (tln_035 1.6, 2.10.2)
    ("Sở quản lý ngành, lĩnh vực chủ trì hiệp thương giá đối với hàng hóa, dịch vụ thuộc lĩnh vực quản lý.",
     ["Sở quản lý ngành, lĩnh vực"], []),
    ("Các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh và Ủy ban nhân dân các xã, phường có trách nhiệm "
     "cập nhật giá.", ["Các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh", "Ủy ban nhân dân các xã, phường"], []),
    ("Các Bộ quản lý ngành, lĩnh vực có trách nhiệm rà soát danh mục hàng hóa.", ["Các Bộ quản lý ngành, lĩnh vực"], []),
    # real: land registration regulation (tln_036 10.6)
    ("Phối hợp với Sở Nông nghiệp và Môi trường, cơ quan có chức năng quản lý đất đai cấp xã, Văn phòng đăng ký "
     "đất đai giải quyết các khó khăn.", [],
     ["Sở Nông nghiệp và Môi trường", "cơ quan có chức năng quản lý đất đai cấp xã", "Văn phòng đăng ký đất đai"]),
    ("Phối hợp với Sở Tài nguyên và Môi trường, cơ quan có chức năng quản lý đất đai cấp huyện và Văn phòng đăng "
     "ký đất đai giải quyết vướng mắc.", [],
     ["Sở Tài nguyên và Môi trường", "cơ quan có chức năng quản lý đất đai cấp huyện", "Văn phòng đăng ký đất đai"]),
    # real: aquaculture plan (tln_022 IV.4.2)
    ("Phối hợp chặt chẽ với các cơ quan quản lý NTTS trong quan trắc, giám sát và cảnh báo môi trường NTTS.",
     [], ["các cơ quan quản lý NTTS"]),
    ("Phối hợp với các đơn vị phụ trách lĩnh vực an toàn thực phẩm, Công an tỉnh kiểm tra cơ sở.",
     [], ["các đơn vị phụ trách lĩnh vực an toàn thực phẩm", "Công an tỉnh"]),
    # the verb of the main clause, not a relative clause
    ("Các đơn vị quản lý tốt nguồn vốn, bảo đảm giải ngân đúng tiến độ.", ["Các đơn vị"], []),
    # a group completed by 'có liên quan' takes no clause (tln_037 16.2)
    ("Chỉ đạo, phối hợp với các cơ quan, đơn vị có liên quan quản lý lĩnh vực báo chí, xuất bản.",
     [], ["các cơ quan, đơn vị có liên quan"]),
    # a count in place of 'các' distributes like it (real: tln_007 IV.1.6)
    ("Phối hợp với Ủy ban nhân dân 04 xã: Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông thành lập mới khu bảo "
     "vệ nguồn lợi thủy sản.", [], ["Gia Thuận", "Tân Điền", "Gò Công Đông", "Tân Phú Đông"]),
    ("Phối hợp với Ủy ban nhân dân 03 huyện: Mường Tè, Sìn Hồ, Phong Thổ thành lập khu bảo tồn.",
     [], ["Mường Tè", "Sìn Hồ", "Phong Thổ"]),
    # kind words with a noun modifier that is also a verb (real: tln_013 V.5.3)
    ("Phối hợp với doanh nghiệp, viện nghiên cứu, trường đại học tổ chức đào tạo theo nhu cầu xã hội.",
     [], ["doanh nghiệp", "viện nghiên cứu, trường đại học"]),
    ("Phối hợp với các viện nghiên cứu và trường đại học trong tỉnh chuyển giao công nghệ.",
     [], ["các viện nghiên cứu và trường đại học trong tỉnh"]),
    # a branch after a dash goes on the body's name (real: tln_002 VI.8)
    ("Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực 8 chủ trì, phối hợp với các tổ chức tín dụng triển khai.",
     ["Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực 8"], ["các tổ chức tín dụng"]),
    ("Ngân hàng Chính sách xã hội - Chi nhánh tỉnh Lai Châu chủ trì, phối hợp với UBND các huyện giải ngân vốn vay.",
     ["Ngân hàng Chính sách xã hội - Chi nhánh tỉnh Lai Châu"], ["UBND các huyện"]),
    # an item does not run on into its verb phrase (real: tln_032 IV.2.o)
    ("Các cơ sở sản xuất tuân thủ nghiêm các quy định của pháp luật về bảo vệ môi trường.", ["Các cơ sở sản xuất"], []),
    ("Các doanh nghiệp chấp hành nghiêm các quy định về phòng cháy, chữa cháy.", ["Các doanh nghiệp"], []),
    ("Các hợp tác xã thực thi đầy đủ các quy định của Luật Hợp tác xã.", ["Các hợp tác xã"], []),
]

RELATIVE_SPLITS = [
    ("cơ quan có chức năng quản lý đất đai cấp xã; Văn phòng đăng ký đất đai",
     ["cơ quan có chức năng quản lý đất đai cấp xã", "Văn phòng đăng ký đất đai"]),
    ("Sở quản lý ngành, lĩnh vực; Sở Tài chính", ["Sở quản lý ngành, lĩnh vực", "Sở Tài chính"]),
    ("UBND 05 xã ven biển, Sở Y tế", ["UBND 05 xã ven biển", "Sở Y tế"]),
    ("Ngân hàng Nhà nước - Chi nhánh tỉnh Lâm Đồng, Kho bạc Nhà nước khu vực XII",
     ["Ngân hàng Nhà nước - Chi nhánh tỉnh Lâm Đồng", "Kho bạc Nhà nước khu vực XII"]),
]

# A subject-matter noun phrase titles actions about it, a performer heading names who acts (§2, seed notes).
TOPIC_HEADINGS = [
    ("Doanh nghiệp số", None),  # real: tln_002 III.1.i
    ("Hệ thống dữ liệu phục vụ quản trị điều hành", None),  # real: tln_005 III.10.b
    ("Chính quyền số", None),
    ("Hợp tác xã xanh", None),
    ("Doanh nghiệp", ["Doanh nghiệp"]),
    ("Các doanh nghiệp viễn thông", ["Các doanh nghiệp viễn thông"]),
    ("Các doanh nghiệp số", ["Các doanh nghiệp số"]),
    ("Doanh nghiệp công nghệ số", ["Doanh nghiệp công nghệ số"]),
    ("Doanh nghiệp, cộng đồng, tổ chức, cá nhân", ["Doanh nghiệp, cộng đồng, tổ chức, cá nhân"]),
    ("Sở quản lý ngành, lĩnh vực", ["Sở quản lý ngành, lĩnh vực"]),
    # §7 distributed names after a locality kind (real: tln_007 IV.12)
    ("Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông",
     ["Gia Thuận", "Tân Điền", "Gò Công Đông", "Tân Phú Đông"]),
    ("UBND các huyện: Mường Tè, Sìn Hồ", ["Mường Tè", "Sìn Hồ"]),
]

TOPIC_LABELS = [
    ("Ngân hàng nhà nước Việt Nam - Chi nhánh Khu vực II: Chủ trì, phối hợp triển khai các nhiệm vụ.",
     ["Ngân hàng nhà nước Việt Nam - Chi nhánh Khu vực II"], "Chủ trì"),  # real: tln_002 VI.8
    # one capitalised word group after the colon is the content, not a distributed name
    ("Uỷ ban nhân dân các xã, phường: Tổng hợp, phân tích, dự báo giá thị trường.",
     ["Uỷ ban nhân dân các xã, phường"], "Tổng hợp"),
    ("Doanh nghiệp số: Triển khai chương trình hỗ trợ chuyển đổi số.", None, None),
]


@pytest.mark.parametrize("text, lead, support", RELATIVE_ROLES, ids=[c[0][:50] for c in RELATIVE_ROLES])
def test_relative_clauses_counts_branches_and_run_ons_in_prose(text, lead, support):
    roles = find_roles(text, 3)
    assert ([m.text for m in roles.lead], [m.text for m in roles.support]) == (lead, support)
    assert all(text[m.span[0] - 3:m.span[1] - 3] == m.text for m in roles.lead + roles.support)


@pytest.mark.parametrize("value, expected", RELATIVE_SPLITS, ids=[c[0][:40] for c in RELATIVE_SPLITS])
def test_relative_clauses_counts_and_branches_in_fields(value, expected):
    assert [m.text for m in split_agencies(value)] == expected


@pytest.mark.parametrize("text, expected", TOPIC_HEADINGS, ids=[c[0][:40] for c in TOPIC_HEADINGS])
def test_topic_headings_and_distributed_headings(text, expected):
    got = heading_agencies(text)
    assert (None if got is None else [m.text for m in got]) == expected


@pytest.mark.parametrize("text, expected, content", TOPIC_LABELS, ids=[c[0][:40] for c in TOPIC_LABELS])
def test_branch_and_topic_labels(text, expected, content):
    got = label_agencies(text)
    if expected is None:
        assert got is None
        return
    assert [m.text for m in got[0]] == expected and text[got[1]:].startswith(content)


def test_distributed_localities_get_full_canonical_names():
    got = heading_agencies("Ủy ban nhân dân các xã: Gia Thuận, Tân Điền")
    assert [m.canonical for m in got or []] == ["Ủy ban nhân dân xã Gia Thuận", "Ủy ban nhân dân xã Tân Điền"]


# ---------------------------------------------------------------- subjects after intros, openers, objects

INTRO_ROLES = [
    ("Đối với dự án nhóm B, Sở Xây dựng chủ trì thẩm định hồ sơ.", ["Sở Xây dựng"], []),
    # a condition ending in a colon (real: tln_035 1.3.4)
    ("Trường hợp cần điều chỉnh Danh mục hàng hóa, dịch vụ bình ổn giá: Sở quản lý ngành, lĩnh vực đề xuất "
     "điều chỉnh Danh mục.", ["Sở quản lý ngành, lĩnh vực"], []),
    ("Trường hợp phát sinh dịch bệnh: Sở Y tế chủ trì, phối hợp với Công an tỉnh khoanh vùng ổ dịch.",
     ["Sở Y tế"], ["Công an tỉnh"]),
    # a capitalised head without its name after the intro's comma (real: tln_035 1.4.1)
    ("Trường hợp cần thiết điều chỉnh danh mục hàng hóa, dịch vụ do Nhà nước định giá, Sở quản lý ngành, lĩnh "
     "vực đối với hàng hóa, dịch vụ có trách nhiệm tham mưu Ủy ban nhân dân tỉnh.", ["Sở quản lý ngành, lĩnh vực"], []),
    # a bare group right before a role cue (real: tln_036 3.6)
    ("Đối với hồ sơ dự kiến quá hạn giải quyết, trong thời gian chậm nhất 01 ngày trước ngày hết hạn, cơ quan, "
     "đơn vị có thẩm quyền giải quyết hồ sơ phải thông báo bằng văn bản cho Bộ phận một cửa.",
     ["cơ quan, đơn vị có thẩm quyền giải quyết hồ sơ"], []),
    ("Đối với các công trình trọng điểm, chủ đầu tư phải báo cáo tiến độ hằng tháng.", ["chủ đầu tư"], []),
    # a topic label's colon is no condition; the list after 'của' is no subject
    ("Về việc phê duyệt Chương trình: Các Bộ, cơ quan thống nhất chỉ có một cơ quan chủ trì.", [], []),
    ("Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương rà soát.", ["Bộ Tài chính"], []),
    # agencies inside 'Trên cơ sở … của …' before ', chủ trì' (real: tln_009 IV.2.a)
    ("Trên cơ sở đề xuất kinh phí của các sở, ban, ngành, địa phương, chủ trì tổng hợp, trình cấp có thẩm quyền.",
     [], []),
    ("Trên cơ sở báo cáo của các phòng, ban, đơn vị, địa phương, chủ trì tổng hợp, trình Ủy ban nhân dân huyện.",
     [], []),
    # 'Trách nhiệm của X' + verb opens an item like 'Giao X' (real: tln_036 11.1)
    ("Trách nhiệm của Sở Tư pháp hướng dẫn, tổ chức thực hiện, tuyên truyền, phổ biến pháp luật về đăng ký "
     "biện pháp bảo đảm tại địa phương.", ["Sở Tư pháp"], []),
    ("Trách nhiệm của Công an tỉnh chủ trì bảo đảm an ninh, trật tự.", ["Công an tỉnh"], []),
    ("Nâng cao trách nhiệm của các sở, ngành trong công tác cải cách hành chính.", [], []),
    ("Đồng thời, phải làm rõ những tồn tại; trách nhiệm của từng ngành, từng cấp, từ đó rút ra bài học.", [], []),
    # 'Khuyến khích X': a named body is asked (lead), a class of actors is the object (real: tln_002 VI.16-18)
    ("Khuyến khích Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã xây dựng kế hoạch hành động.",
     ["Liên đoàn Lao động tỉnh", "Hội Nông dân tỉnh", "Liên minh Hợp tác xã"], []),
    ("Khuyến khích Hội Doanh nhân trẻ tỉnh Quảng Ninh tổ chức diễn đàn khởi nghiệp.",
     ["Hội Doanh nhân trẻ tỉnh Quảng Ninh"], []),
    ("Khuyến khích Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội giám sát việc thực hiện.",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội"], []),
    ("Khuyến khích các địa phương triển khai dạy nghề cho lao động nông thôn.", [], []),
    ("Khuyến khích tổ chức, cá nhân ứng dụng công nghệ tiết kiệm nước.", [], []),
]


@pytest.mark.parametrize("text, lead, support", INTRO_ROLES, ids=[c[0][:50] for c in INTRO_ROLES])
def test_subjects_after_intros_and_openers(text, lead, support):
    roles = find_roles(text)
    assert ([m.text for m in roles.lead], [m.text for m in roles.support]) == (lead, support)
