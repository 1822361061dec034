from django.urls import path

from corridor.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.standard_list, name="list"),
    path("needs/", views.needs_dashboard, name="needs"),
    path("propose/", views.propose, name="propose"),
    path("brands/", views.brand_list, name="brands"),
    path("brands/new/", views.brand_create, name="brand_create"),
    path("brands/<int:pk>/revoke/", views.brand_revoke, name="brand_revoke"),
    path("committee/<slug:slug>/", views.committee, name="committee"),
    path("committee/<slug:slug>/seats/", views.seat_create, name="seat_create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<slug:name>/", views.take, name="take"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/rnd-projects/", views.link_rnd, name="link_rnd"),
    path("<int:pk>/close-ballot/", views.close_ballot, name="close_ballot"),
    path("<int:pk>/drafts/new/", views.draft_create, name="draft_create"),
    path("<int:pk>/drafts/<int:number>/", views.draft_detail, name="draft"),
    path("<int:pk>/drafts/<int:number>/document/", views.draft_document, name="draft_document"),
    path("<int:pk>/final.pdf", views.final_pdf, name="final_pdf"),
    path("<int:pk>/diff/", views.diff, name="diff"),
    path("<int:pk>/open-comment/", views.open_comment, name="open_comment"),
    path("<int:pk>/comments/", views.comments, name="comments"),
    path("<int:pk>/comments/new/", views.comment_create, name="comment_create"),
    path("<int:pk>/comments/<int:comment_id>/dispose/", views.dispose, name="dispose"),
    path("<int:pk>/dispositions.xlsx", views.dispositions_xlsx, name="dispositions_xlsx"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/patents/new/", views.patent_create, name="patent_create"),
    path("<int:pk>/participants/new/", views.add_participant, name="participant_create"),
]
